using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VolumeBackup.Persistence.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresVolumeBackupDbContext</c> build the model; never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVolumeBackupDbContext>
{
    public PostgresVolumeBackupDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVolumeBackupDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design;Username=design;Password=design").Options);
}
