using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Recovery;

/// <summary>
/// Disaster recovery while backups are being created: the recovered rows keep their roots' ids, which the id sequence of
/// a fresh database has not reached yet, so a backup created during the recovery must never draw one of them. The
/// database is "lost" by emptying the backups and jobs tables and moving the id sequence back to its start; the roots
/// stay in the container. New rows are inserted one after another, 20 ms apart, for as long as the recovery runs.
/// </summary>
public abstract class RecoveryIdRaceContract
{
    private const int Roots = 40;

    protected abstract Task<ServerSettings> SettingsAsync();

    protected abstract Task RestartIdSequenceAsync(VolumeBackupDbContext db);

    protected virtual Task CleanUpAsync(ServerSettings settings) => Task.CompletedTask;

    [Fact]
    public async Task Backups_created_while_a_container_is_recovered_never_collide_with_the_recovered_ids()
    {
        var settings = await SettingsAsync();
        try
        {
            await using var server = await TestServer.StartAsync(settings);
            var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
            var container = "race-" + Guid.NewGuid().ToString("N")[..8];
            // Many roots, so the recovery spends long enough importing them for the spaced-out creations to reach its ids.
            var volumes = new List<string>();
            for (var i = 0; i < Roots; i++)
            {
                volumes.Add(await api.CreateVolumeAsync(1));
            }

            var made = await Task.WhenAll(volumes.Select(v => api.CreateBackupAsync(v, container)));
            foreach (var id in made)
            {
                await api.WaitForBackupStatusAsync(id, BackupStatus.Available, TimeSpan.FromMinutes(3));
            }

            var volumeId = volumes[0];
            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Jobs" """, TestContext.Current.CancellationToken);
                await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Backups" """, TestContext.Current.CancellationToken);
                await RestartIdSequenceAsync(db);
            }

            var recovery = api.Client.PostRawAsync($"{api.Backups}/recover", "{\"recover\": {\"container\": \"" + container + "\"}}");
            var created = new List<string>();
            var failures = new List<string>();
            while (!recovery.IsCompleted || created.Count < 3)
            {
                try
                {
                    created.Add(await BackupArrange.AddBackupAsync(server, api.Tenant, volumeId, BackupStatus.Available, container: "other"));
                }
                catch (DbUpdateException e)
                {
                    failures.Add(e.InnerException?.Message ?? e.Message);
                }

                // Spaced out, so that the recovery (reading its roots first) is not outrun before it starts importing.
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            using var response = await recovery;
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            Assert.True(failures.Count == 0, $"{failures.Count} of {created.Count + failures.Count} creations failed: {failures.FirstOrDefault()}");
            var imported = JsonDocument.Parse(text).RootElement.GetProperty("recover").GetProperty("imported")
                .EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
            Assert.Equal(Roots, imported.Count);
            Assert.Equal(Roots + created.Count, imported.Concat(created).Distinct().Count());
            Assert.Equal(imported.Concat(created).Order(), (await api.ListIdsAsync()).Order());
        }
        finally
        {
            await CleanUpAsync(settings);
        }
    }
}
