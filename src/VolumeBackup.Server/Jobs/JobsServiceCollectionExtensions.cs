using VolumeBackup.Server.Jobs.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolumeBackup.DataPath;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs.Wakeups;

namespace VolumeBackup.Server.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// This node's job workers: the signal the API wakes them with, the three job handlers, the data path and the
    /// containers' block indexes (setting <c>VolumeBackup:DataPath:BlockIndex</c>), where their locks live (settings
    /// <c>VolumeBackup:DataPath:Locks</c> and <c>MirrorObjectLocks</c>), and on a worker node (<paramref name="node"/>'s
    /// roles) the workers, lease recovery and, on PostgreSQL, the wake-up listener. An api-only node queues jobs and runs
    /// none. Their settings (section <c>VolumeBackup:Backups</c>) are registered with the other options.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, VolumeBackupOptions node)
    {
        ArgumentNullException.ThrowIfNull(node);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobObjectStores>();
        var dataPath = ReadDataPathOptions(configuration);
        services.TryAddSingleton(sp => new BackupEngine(dataPath, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBackupDataPath, EngineDataPath>();
        var blockIndex = ReadBlockIndexMode(configuration);
        services.AddSingleton(sp => new JobBlockIndexes(
            blockIndex, sp.GetRequiredService<IDbContextFactory<VolumeBackupDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        var (locks, mirrorObjectLocks) = ReadLockSettings(configuration);
        services.AddSingleton(sp => new JobContainerLocks(
            locks, mirrorObjectLocks, sp.GetRequiredService<IDbContextFactory<VolumeBackupDbContext>>()));
        services.AddSingleton<BackupSources>();
        services.AddScoped<StraySnapshots>();
        services.AddScoped<IJobHandler, BackupJobHandler>();
        services.AddScoped<IJobHandler, RestoreJobHandler>();
        services.AddScoped<IJobHandler, DeleteBackupJobHandler>();
        services.AddScoped<IJobHandler, VerifyJobHandler>();
        services.AddScoped<ExpiredLeaseRecovery>();
        services.AddScoped<CancelledJobs>();
        services.AddSingleton<JobRunner>();

        if (!NodeRoles.Parse(node.Roles).Worker)
        {
            return services; // the API still queues jobs (and signals in vain); worker nodes run them
        }

        // After the startup initializer: the database is migrated before the first claim.
        services.AddHostedService<LeaseRecoveryService>();
        services.AddHostedService<JobWorker>();
        services.AddHostedService<ScrubService>();
        services.AddHostedService<Operations.Policies.PolicyScheduler>();
        if (node.Database.Provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService<JobWakeupListener>();
        }

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

    // VolumeBackup:DataPath:Locks = Database (default) | ObjectStore, and VolumeBackup:DataPath:MirrorObjectLocks = true
    // (default) | false: locks in the database, also written and read as locks/ objects so that nodes of earlier
    // versions (which know only those) and this one see each other's locks during a rolling upgrade. Checked now.
    private static (LockStoreMode Mode, bool Mirror) ReadLockSettings(IConfiguration configuration)
    {
        const string modeKey = "VolumeBackup:DataPath:Locks";
        const string mirrorKey = "VolumeBackup:DataPath:MirrorObjectLocks";
        var mode = LockStoreMode.Database;
        var value = configuration[modeKey];
        if (!string.IsNullOrWhiteSpace(value)
            && !(Enum.TryParse(value.Trim(), ignoreCase: true, out mode) && Enum.IsDefined(mode)))
        {
            throw new OptionsValidationException(
                modeKey, typeof(LockStoreMode), [$"{modeKey}: '{value}' is not one of {string.Join(", ", Enum.GetNames<LockStoreMode>())}."]);
        }

        var mirror = true;
        var flag = configuration[mirrorKey];
        if (!string.IsNullOrWhiteSpace(flag) && !bool.TryParse(flag.Trim(), out mirror))
        {
            throw new OptionsValidationException(mirrorKey, typeof(bool), [$"{mirrorKey}: '{flag}' is not true or false."]);
        }

        return (mode, mirror);
    }
}
