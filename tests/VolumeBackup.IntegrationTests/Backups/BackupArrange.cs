using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Puts rows in states the API reaches only mid-job, straight through the stores (no job, so no worker touches them).</summary>
internal static class BackupArrange
{
    public static async Task<string> AddBackupAsync(
        TestServer server, string tenant, string volumeId, string status, int sizeGb = 1, string container = "arranged")
    {
        await using var scope = server.Services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<BackupStore>();
        var backup = await backups.AddAsync(
            new Backup
            {
                TenantId = tenant,
                VolumeId = long.Parse(volumeId, System.Globalization.CultureInfo.InvariantCulture),
                Container = container,
                Status = status,
                SizeGb = sizeGb,
            },
            CancellationToken.None);
        return backup.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task SetVolumeStatusAsync(TestServer server, string volumeId, string from, string to)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var volumes = scope.ServiceProvider.GetRequiredService<VolumeStore>();
        Assert.True(await volumes.TryTransitionAsync(long.Parse(volumeId, System.Globalization.CultureInfo.InvariantCulture), [from], to, CancellationToken.None));
    }

    /// <summary>Rows of every table, to show a refused request changed nothing.</summary>
    public static async Task<(int Volumes, int Backups, int Jobs)> CountRowsAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
        return (db.Volumes.Count(), db.Backups.Count(), db.Jobs.Count());
    }
}
