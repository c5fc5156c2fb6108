using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Racing requests on one backup or one volume: exactly one wins, every other gets one of the spec's 400s, and the
/// losers leave nothing behind. The node has no workers, so the winner's status stays put while the others race.
/// </summary>
public abstract class BackupRaceContract
{
    protected abstract Task<ServerSettings> SettingsAsync(int workers);

    protected virtual Task CleanUpAsync(ServerSettings settings) => Task.CompletedTask;

    [Fact]
    public async Task Of_racing_deletes_and_restores_of_one_backup_exactly_one_wins()
    {
        await WithServerAsync(workers: 0, async server =>
        {
            var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
            var volumeId = await api.CreateVolumeAsync(1);
            var backupId = await BackupArrange.AddBackupAsync(server, api.Tenant, volumeId, BackupStatus.Available);
            var before = await BackupArrange.CountRowsAsync(server);

            var requests = Enumerable.Range(0, 12).Select(i => (i % 3) switch
            {
                0 => api.DeleteBackupAsync(backupId),
                1 => api.PostRestoreAsync(backupId, "{\"restore\": {}}"),
                _ => api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": \"{volumeId}\"}}}}"),
            });
            var responses = await Task.WhenAll(requests);

            var winners = Enumerable.Range(0, responses.Length).Where(i => responses[i].IsSuccessStatusCode).ToList();
            Assert.Single(winners);
            var winnerDeleted = winners[0] % 3 == 0;
            var winnerMadeAVolume = winners[0] % 3 == 1; // only a restore to a new volume may add one
            foreach (var loser in responses.Where(r => !r.IsSuccessStatusCode))
            {
                Assert.Equal(HttpStatusCode.BadRequest, loser.StatusCode);
                var message = JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement
                    .GetProperty("badRequest").GetProperty("message").GetString();
                Assert.Contains(message, (string[])[FaultMessages.BackupStatusMustBeAvailableOrError, FaultMessages.BackupStatusMustBeAvailable,
                    FaultMessages.VolumeToRestoreToMustBeAvailable]);
            }

            // One job; one new volume when the winner was a restore to a new volume, else none: a losing restore
            // leaves no volume behind, whoever won. Counted in the database and seen through the API.
            var after = await BackupArrange.CountRowsAsync(server);
            Assert.Equal(before.Jobs + 1, after.Jobs);
            Assert.Equal(before.Backups, after.Backups);
            var status = (await api.ShowAsync(backupId)).GetProperty("status").GetString();
            // Either restore leaves the backup restoring, whichever volume it writes; only the delete leaves it deleting.
            Assert.Equal(winnerDeleted ? BackupStatus.Deleting : BackupStatus.Restoring, status);
            var newVolumes = winnerMadeAVolume ? 1 : 0;
            Assert.Equal(before.Volumes + newVolumes, after.Volumes);
            Assert.Equal(1 + newVolumes, (await api.ListVolumeIdsAsync()).Count);
        });
    }

    [Fact]
    public async Task Of_racing_creates_on_one_volume_exactly_one_wins()
    {
        await WithServerAsync(workers: 0, async server =>
        {
            var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
            var volumeId = await api.CreateVolumeAsync(1);

            var responses = await Task.WhenAll(Enumerable.Range(0, 10)
                .Select(_ => api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volumeId}\"}}}}")));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await ApiAssert.FaultAsync(loser, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeToBackUpMustBeAvailable);
            }

            Assert.Single(await api.ListIdsAsync());
            Assert.Equal(VolumeStatus.BackingUp, (await api.VolumeAsync(volumeId)).GetProperty("status").GetString());
        });
    }

    [Fact]
    public async Task Twenty_concurrent_creates_on_different_volumes_all_complete()
    {
        await WithServerAsync(workers: 4, async server =>
        {
            var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
            var volumes = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                volumes.Add(await api.CreateVolumeAsync(1));
            }

            var backups = await Task.WhenAll(volumes.Select(v => api.CreateBackupAsync(v)));

            Assert.Equal(20, backups.Distinct().Count());
            foreach (var backupId in backups)
            {
                await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
            }

            foreach (var volumeId in volumes)
            {
                await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
            }
        });
    }

    private async Task WithServerAsync(int workers, Func<TestServer, Task> test)
    {
        var settings = await SettingsAsync(workers);
        try
        {
            await using var server = await TestServer.StartAsync(settings);
            await test(server);
        }
        finally
        {
            await CleanUpAsync(settings);
        }
    }

    protected static ServerSettings Settings(int workers, DatabaseProvider provider, string? connectionString) => new()
    {
        Database = provider,
        ConnectionString = connectionString,
        Settings = BackupServerFixture.Settings(("VolumeBackup:Backups:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    };
}
