using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's context (resolvable as <see cref="VolumeBackupDbContext"/>), the stores and the job
    /// queue, all scoped, and a singleton <see cref="IDbContextFactory{TContext}"/> of fresh contexts. Needs a
    /// <see cref="TimeProvider"/> registered.
    /// </summary>
    public static IServiceCollection AddVolumeBackupPersistence(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresVolumeBackupDbContext>(o => o.UseNpgsql(connectionString));
            services.AddScoped<VolumeBackupDbContext>(sp => sp.GetRequiredService<PostgresVolumeBackupDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteVolumeBackupDbContext>(o => o.UseSqlite(connectionString));
            services.AddScoped<VolumeBackupDbContext>(sp => sp.GetRequiredService<SqliteVolumeBackupDbContext>());
        }

        // For work outside a request scope that runs concurrently (a container's block index, called by several workers).
        services.AddSingleton<IDbContextFactory<VolumeBackupDbContext>>(new VolumeBackupDbContextFactory(provider, connectionString));
        services.AddScoped<VolumeStore>();
        services.AddScoped<BackupStore>();
        services.AddScoped<UsageStore>();
        services.AddScoped<BackupLifecycle>();
        services.AddScoped<BackupVerifications>();
        services.AddScoped<BackupQueries>();
        services.AddScoped<PolicyStore>();
        services.AddScoped<JobQueue>();
        services.AddScoped<JobHandback>();
        services.AddScoped<JobCancellations>();
        services.AddScoped<Nodes.NodeStore>();
        return services;
    }
}
