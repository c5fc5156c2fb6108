using System.Net;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Operations;

/// <summary>
/// Disaster recovery through the real server: three backups (one incremental) are made, the database is lost (SQLite:
/// its file deleted; PostgreSQL: the database dropped and an empty one made) with the volumes, the server starts on the
/// empty database, and recovery of the container brings every backup back <c>available</c> under its own id; the
/// incremental one restores into a new volume byte for byte; a second recovery finds all of them present; a backup made
/// afterwards gets a new id (the id sequence moved past the recovered ones). A root whose id another tenant's row took
/// meanwhile is adopted under a new id, one that names no other root of the container.
/// </summary>
public sealed class DisasterRecoveryTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Recovering_a_container_after_the_database_was_lost_brings_back_every_backup_restorable(DatabaseProvider provider)
    {
        using var directory = new TempDataDirectory("vb-recover");
        var connectionString = provider == DatabaseProvider.Postgres ? await NewPostgresDatabaseAsync() : null;
        var tenant = BackupApi.NewTenant();
        var container = "dr-" + Guid.NewGuid().ToString("N")[..8];
        string expected;
        string[] made;
        await using (var server = await StartAsync(directory.Path, provider, connectionString))
        {
            var api = server.AdminApi(tenant);
            var first = await api.CreateVolumeAsync(1);
            var file = new VolumeFile(await api.DevicePathAsync(first));
            file.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 81));
            file.Write(300L << 20, VolumeFile.RandomBytes(2 << 20, seed: 82));
            var full = await api.CreateBackupAsync(first, container);
            await api.WaitForBackupStatusAsync(full, BackupStatus.Available);
            await api.WaitForVolumeStatusAsync(first, VolumeStatus.Available);
            file.Write(100L << 20, VolumeFile.RandomBytes(1 << 20, seed: 83));
            var incremental = await api.CreateBackupAsync(first, container);
            var shown = await api.WaitForBackupStatusAsync(incremental, BackupStatus.Available);
            Assert.True(shown.TryGetProperty("is_incremental", out var flag) is false || flag.GetBoolean(), shown.GetRawText());
            expected = file.Sha256();

            var second = await api.CreateVolumeAsync(1);
            new VolumeFile(await api.DevicePathAsync(second)).Write(4096, VolumeFile.RandomBytes(3 << 20, seed: 84));
            var other = await api.CreateBackupAsync(second, container);
            await api.WaitForBackupStatusAsync(other, BackupStatus.Available);
            made = [full, incremental, other];
        }

        // The disaster: the database and the volumes are gone; the object store is all that is left.
        connectionString = await WipeAsync(directory.Path, provider, connectionString);
        Directory.Delete(Path.Combine(directory.Path, "volumes"), recursive: true);
        try
        {
            await using var server = await StartAsync(directory.Path, provider, connectionString);
            var api = server.AdminApi(tenant);
            Assert.Empty(await api.ListIdsAsync());

            var recovered = await RecoverAsync(api, container);
            Assert.Equal(made, recovered.GetProperty("imported").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).Order());
            Assert.Empty(recovered.GetProperty("already_present").EnumerateArray());
            Assert.Empty(recovered.GetProperty("unreadable").EnumerateArray());
            Assert.Equal(made, (await api.ListIdsAsync()).Order());
            foreach (var id in made)
            {
                var backup = await api.ShowAsync(id);
                Assert.Equal(BackupStatus.Available, backup.GetProperty("status").GetString());
                Assert.Equal(container, backup.GetProperty("container").GetString());
            }

            var target = await api.RestoreAsync(made[1]);
            await api.WaitForVolumeStatusAsync(target, VolumeStatus.Available);
            Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(target)).Sha256());

            var again = await RecoverAsync(api, container);
            Assert.Empty(again.GetProperty("imported").EnumerateArray());
            Assert.Equal(made, again.GetProperty("already_present").EnumerateArray().Select(b => b.GetString()!).Order());

            // The ids the roots kept are taken: the next backup gets a new one, and recovery leaves it alone too.
            var next = await api.CreateBackupAsync(target, container);
            await api.WaitForBackupStatusAsync(next, BackupStatus.Available);
            Assert.DoesNotContain(next, made);
            var third = await RecoverAsync(api, container);
            Assert.Empty(third.GetProperty("imported").EnumerateArray());
            Assert.Equal([.. made, next], third.GetProperty("already_present").EnumerateArray().Select(b => b.GetString()!).Order());
        }
        finally
        {
            if (connectionString is not null)
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_root_whose_id_another_row_took_is_adopted_under_a_new_id_and_restores_byte_for_byte(DatabaseProvider provider)
    {
        using var directory = new TempDataDirectory("vb-recover-adopt");
        var connectionString = provider == DatabaseProvider.Postgres ? await NewPostgresDatabaseAsync() : null;
        var tenant = BackupApi.NewTenant();
        var container = "dr-" + Guid.NewGuid().ToString("N")[..8];
        string expected, full, incremental;
        await using (var server = await StartAsync(directory.Path, provider, connectionString))
        {
            var api = server.AdminApi(tenant);
            var volumeId = await api.CreateVolumeAsync(1);
            var file = new VolumeFile(await api.DevicePathAsync(volumeId));
            file.Write(0, VolumeFile.RandomBytes(4 << 20, seed: 91));
            file.Write(500L << 20, VolumeFile.RandomBytes(1 << 20, seed: 92));
            expected = file.Sha256();
            full = await api.CreateBackupAsync(volumeId, container);
            await api.WaitForBackupStatusAsync(full, BackupStatus.Available);
            await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
            file.Write(200L << 20, VolumeFile.RandomBytes(1 << 20, seed: 93));
            incremental = await api.CreateBackupAsync(volumeId, container);
            await api.WaitForBackupStatusAsync(incremental, BackupStatus.Available);
        }

        connectionString = await WipeAsync(directory.Path, provider, connectionString);
        Directory.Delete(Path.Combine(directory.Path, "volumes"), recursive: true);
        try
        {
            await using var server = await StartAsync(directory.Path, provider, connectionString);

            // On the empty database another tenant's first backup takes the first id again: the id of the oldest root.
            var other = server.AdminApi(BackupApi.NewTenant());
            var taken = await other.CreateBackupAsync(await other.CreateVolumeAsync(1));
            await other.WaitForBackupStatusAsync(taken, BackupStatus.Available);
            Assert.Equal(full, taken);

            var api = server.AdminApi(tenant);
            var recovered = await RecoverAsync(api, container);
            var imported = recovered.GetProperty("imported").EnumerateArray()
                .Select(b => b.GetProperty("id").GetString()!).ToList();
            Assert.Contains(incremental, imported); // its id was free: kept
            var adopted = Assert.Single(imported, id => id != incremental);
            Assert.NotEqual(full, adopted);
            Assert.Empty(recovered.GetProperty("already_present").EnumerateArray());
            Assert.Empty(recovered.GetProperty("unreadable").EnumerateArray());

            // The adopted root got a copy named after its new id; the original stays, and so does the other tenant's row.
            var roots = ContainerObjects.List(directory.Path, container, "backups/")
                .Where(k => k.EndsWith("/manifest.json", StringComparison.Ordinal));
            Assert.Equal(new[] { full, incremental, adopted }.Select(id => $"backups/{id}/manifest.json").Order(), roots.Order());
            var shown = await api.ShowAsync(adopted);
            Assert.Equal(BackupStatus.Available, shown.GetProperty("status").GetString());
            Assert.Equal(container, shown.GetProperty("container").GetString());
            Assert.NotEqual(container, (await other.ShowAsync(taken)).GetProperty("container").GetString());

            var target = await api.RestoreAsync(adopted);
            await api.WaitForVolumeStatusAsync(target, VolumeStatus.Available);
            Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(target)).Sha256());

            // Recovering again counts the original root as present through its copy's row.
            var again = await RecoverAsync(api, container);
            Assert.Empty(again.GetProperty("imported").EnumerateArray());
            var present = again.GetProperty("already_present").EnumerateArray().Select(b => b.GetString()!);
            Assert.Equal(new[] { incremental, adopted }.Order(), present.Order());
        }
        finally
        {
            if (connectionString is not null)
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }

    private static async Task<JsonElement> RecoverAsync(BackupApi api, string container)
    {
        using var response = await api.Client.PostRawAsync($"{api.Backups}/recover", "{\"recover\": {\"container\": \"" + container + "\"}}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var recover = JsonDocument.Parse(text).RootElement.GetProperty("recover");
        Assert.Equal(container, recover.GetProperty("container").GetString());
        return recover;
    }

    private static async Task<string> NewPostgresDatabaseAsync()
    {
        await PostgresServer.RequireAsync();
        return await PostgresServer.CreateDatabaseAsync("vb_recover");
    }

    // SQLite: the database file (and its journal) deleted; PostgreSQL: the database dropped and an empty one made.
    private static async Task<string?> WipeAsync(string dataDirectory, DatabaseProvider provider, string? connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var file in Directory.EnumerateFiles(dataDirectory, "volumebackup.db*"))
            {
                File.Delete(file);
            }

            return null;
        }

        await PostgresServer.DropDatabaseAsync(connectionString!);
        return await PostgresServer.CreateDatabaseAsync("vb_recover");
    }

    private static async Task<ServerProcess> StartAsync(string dataDirectory, DatabaseProvider provider, string? connectionString)
    {
        var server = ServerProcess.Start(dataDirectory, new ServerSettings
        {
            Database = provider,
            ConnectionString = connectionString,
            Settings = new Dictionary<string, string> { ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200" },
        });
        await server.WaitUntilHealthyAsync(Startup);
        return server;
    }
}
