using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Telemetry;
using Microsoft.Extensions.Options;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Api.Faults;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Keystone;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Nodes;
using VolumeBackup.Server.Operations.Backups;
using VolumeBackup.Server.Operations.Policies;
using VolumeBackup.Server.Operations.Quotas;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;
using VolumeBackup.Volumes.Snapshots;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.Server.Hosting;

internal static class VolumeBackupServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole service from <paramref name="configuration"/>: options (validated now and at start),
    /// database, identity, volume driver, object store, fault handling, the API's services, the startup initializer and
    /// this node's job workers.
    /// Throws <see cref="OptionsValidationException"/> naming the key when a setting is invalid.
    /// </summary>
    public static IServiceCollection AddVolumeBackup(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        var data = new DataDirectory(options.DataDirectoryFullPath);

        services.AddOptions<VolumeBackupOptions>()
            .Bind(configuration.GetSection(VolumeBackupOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VolumeBackupOptions>, VolumeBackupOptionsValidator>();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddSingleton(data);
        services.AddSingleton(TimeProvider.System);

        var connectionString = options.Database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString)
            ? $"Data Source={data.DatabaseFile}"
            : options.Database.ConnectionString!;
        services.AddVolumeBackupPersistence(options.Database.Provider, connectionString);

        services.AddSingleton<IVolumeDriver>(_ => new SparseFileVolumeDriver(data.Volumes, options.NodeHost));
        if (options.Snapshots.Enabled)
        {
            services.AddSingleton<IBlockDeviceSnapshots, NoBlockDeviceSnapshots>();
            services.AddSingleton<IVolumeSnapshots>(sp => new ReflinkSnapshots(
                sp.GetRequiredService<IVolumeDriver>(), data.Snapshots, sp.GetRequiredService<IBlockDeviceSnapshots>()));
        }
        else
        {
            services.AddSingleton<IVolumeSnapshots, NoSnapshots>();
        }

        services.AddSingleton<IChangedBlocks>(sp => sp.GetRequiredService<IOptions<BackupOptions>>().Value.ChangedBlockTracking
            ? new FiemapChangedBlocks()
            : new UnknownChanges());
        services.AddSingleton(sp => CreateObjectStoreProvider(options.ObjectStore, data, sp.GetRequiredService<TimeProvider>()));

        services.AddScoped<TenantContext>();
        if (options.Identity.Kind == IdentityKind.Keystone)
        {
            services.AddKeystone(options.Identity.Keystone);
            services.AddSingleton<ITokenValidator, KeystoneTokenValidator>();
        }
        else
        {
            services.AddSingleton<StaticTokenValidator>();
            services.AddSingleton<ITokenValidator>(sp => sp.GetRequiredService<StaticTokenValidator>());
        }

        services.AddSingleton(sp => UserStoreTrusts.Create(sp, options));

        services.AddScoped<VolumeService>();
        services.AddScoped<VolumeAttachments>();
        services.AddScoped<VolumeManagement>();
        services.AddScoped<QuotaService>();
        services.AddScoped<BackupService>();
        services.AddScoped<VerifyService>();
        services.AddScoped<BackupRecords>();
        services.AddScoped<BackupCancelService>();
        services.AddScoped<PolicyService>();
        services.AddScoped<PolicyRunner>();

        services.AddExceptionHandler<FaultExceptionHandler>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));

        services.AddTelemetry(options);
        services.AddApiDocuments();
        services.AddHostedService<StartupInitializer>();
        services.AddJobs(configuration, options);
        services.AddNodes(NodeRoles.Parse(options.Roles));
        return services;
    }

    // The configured driver wrapped in retries; the container disposes it (and its Swift connections) at shutdown.
    private static IObjectStoreProvider CreateObjectStoreProvider(ObjectStoreOptions options, DataDirectory data, TimeProvider time)
    {
        if (options.Kind == ObjectStoreKind.Filesystem && string.IsNullOrWhiteSpace(options.FilesystemRoot))
        {
            options.FilesystemRoot = data.Objects;
        }

        return ObjectStoreProviderFactory.Create(options, swiftHandler: null, time);
    }

    // Read eagerly: the provider and the data directory decide which services exist at all.
    private static VolumeBackupOptions ReadOptions(IConfiguration configuration)
    {
        VolumeBackupOptions options;
        try
        {
            options = configuration.GetSection(VolumeBackupOptions.SectionName).Get<VolumeBackupOptions>() ?? new VolumeBackupOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value at 'VolumeBackup:Quotas:Gigabytes'".
            throw new OptionsValidationException(VolumeBackupOptions.SectionName, typeof(VolumeBackupOptions), [e.Message]);
        }

        var result = new VolumeBackupOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(VolumeBackupOptions.SectionName, typeof(VolumeBackupOptions), result.Failures);
        }

        return options;
    }
}
