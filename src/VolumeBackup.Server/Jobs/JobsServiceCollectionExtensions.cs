using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolumeBackup.DataPath;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Api.Backups;

public static class BackupsServiceCollectionExtensions
{
    /// <summary>
    /// The backup API and this node's job workers: options (section <c>VolumeBackup:Backups</c>, validated at start),
    /// the service behind the endpoints, the three job handlers, the data path and the containers' block indexes (setting
    /// <c>VolumeBackup:DataPath:BlockIndex</c>), the workers and lease recovery.
    /// </summary>
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();

        services.AddScoped<BackupLifecycle>();
        services.AddScoped<JobHandback>();
        services.AddScoped<BackupService>();

        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobObjectStores>();
        var dataPath = ReadDataPathOptions(configuration);
        services.TryAddSingleton(sp => new BackupEngine(dataPath, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBackupDataPath, EngineDataPath>();
        var blockIndex = ReadBlockIndexMode(configuration);
        services.AddSingleton(sp => new JobBlockIndexes(
            blockIndex, sp.GetRequiredService<IDbContextFactory<VolumeBackupDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IJobHandler, BackupJobHandler>();
        services.AddScoped<IJobHandler, RestoreJobHandler>();
        services.AddScoped<IJobHandler, DeleteBackupJobHandler>();
        services.AddScoped<ExpiredLeaseRecovery>();
        services.AddSingleton<JobRunner>();

        // After the startup initializer: the database is migrated before the first claim.
        services.AddHostedService<LeaseRecoveryService>();
        services.AddHostedService<JobWorker>();
        return services;
    }

    // Section VolumeBackup:DataPath tunes the engine (block size, pack size, upload and download concurrency...);
    // read and checked now, so a bad value stops the start naming the section like every other setting.
    private static DataPathOptions ReadDataPathOptions(IConfiguration configuration)
    {
        const string section = "VolumeBackup:DataPath";
        try
        {
            var options = configuration.GetSection(section).Get<DataPathOptions>() ?? new DataPathOptions();
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new OptionsValidationException(section, typeof(DataPathOptions), [$"{section}: {e.Message}"]);
        }
    }

    // VolumeBackup:DataPath:BlockIndex = None (default) | Database; read beside the engine's options, checked now too.
    // Off by default: it makes first backups of new data 15-30% slower (docs/configuration.md) and pays off only where
    // volumes share data within a container; turning it on later is safe, since the index is rebuilt from the packs.
    private static BlockIndexMode ReadBlockIndexMode(IConfiguration configuration)
    {
        const string key = "VolumeBackup:DataPath:BlockIndex";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return BlockIndexMode.None;
        }

        if (Enum.TryParse<BlockIndexMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode))
        {
            return mode;
        }

        throw new OptionsValidationException(
            key, typeof(BlockIndexMode), [$"{key}: '{value}' is not one of {string.Join(", ", Enum.GetNames<BlockIndexMode>())}."]);
    }

    private sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
    {
        public ValidateOptionsResult Validate(string? name, BackupOptions options)
        {
            var failures = options.Validate();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
