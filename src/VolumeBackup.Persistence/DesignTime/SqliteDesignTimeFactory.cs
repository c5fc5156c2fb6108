using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VolumeBackup.Persistence.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteVolumeBackupDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVolumeBackupDbContext>
{
    public SqliteVolumeBackupDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVolumeBackupDbContext>().UseSqlite("Data Source=design.db").Options);
}
