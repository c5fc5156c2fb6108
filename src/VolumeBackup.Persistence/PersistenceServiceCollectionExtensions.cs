using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's context (resolvable as <see cref="VolumeBackupDbContext"/>), the stores and the job
    /// queue, all scoped. Needs a <see cref="TimeProvider"/> registered.
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

        services.AddScoped<VolumeStore>();
        services.AddScoped<BackupStore>();
        services.AddScoped<JobQueue>();
        return services;
    }
}
