using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Export and import of backup records: a backup exported by one deployment is imported by a fresh one that shares
/// the object store, and restores there byte for byte, even after the first deployment deleted its own row.
/// </summary>
public sealed class CinderBackupRecordTests : IAsyncLifetime
{
    private readonly TempDataDirectory _objects = new("vb-shared-objects");
    private TestServer? _first;
    private TestServer? _second;

    public async ValueTask InitializeAsync()
    {
        var settings = new ServerSettings { Settings = BackupServerFixture.Settings(("VolumeBackup:ObjectStore:FilesystemRoot", _objects.Path)) };
        _first = await TestServer.StartAsync(settings);
        _second = await TestServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { _first, _second })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        _objects.Dispose();
    }

    [Fact]
    public async Task An_exported_backup_imported_by_a_fresh_server_on_the_same_store_restores_byte_for_byte()
    {
        var first = CinderBackupsApi.Admin(_first!);
        var volume = await first.CreateVolumeAsync();
        var file = new VolumeFile(await first.DevicePathAsync(volume));
        file.Write(0, VolumeFile.RandomBytes(1 << 20, seed: 21));
        var decoy = await first.CreateBackupAsync(volume, container: "elsewhere"); // so the exported row's id is not the importer's
        await first.WaitForBackupStatusAsync(decoy, "available");
        await first.WaitForVolumeStatusAsync(volume, "available");
        file.Write(0, VolumeFile.RandomBytes(2 << 20, seed: 22));
        file.Write((1L << 30) - 4096, VolumeFile.RandomBytes(4096, seed: 23));
        var original = file.Sha256();
        var id = await first.CreateBackupAsync(volume, container: "exported", extra: ", \"name\": \"moved\"");
        await first.WaitForBackupStatusAsync(id, "available");

        var exported = await CinderBackupsApi.JsonAsync(await first.GetAsync($"{first.Backups}/{id}/export_record"), HttpStatusCode.OK);
        var record = Assert.Single(exported.EnumerateObject());
        Assert.Equal("backup-record", record.Name);
        var service = record.Value.GetProperty("backup_service").GetString()!;
        Assert.StartsWith("cinder.backup.drivers", service, StringComparison.Ordinal);
        var decoded = JsonNode.Parse(Convert.FromBase64String(record.Value.GetProperty("backup_url").GetString()!))!;
        Assert.Equal(id, decoded["id"]!.GetValue<string>());
        Assert.Equal("exported", decoded["container"]!.GetValue<string>());

        // The importer may give it another id, as Tempest does; the row's own id there differs from the exporter's.
        var newId = Guid.NewGuid().ToString("D");
        decoded["id"] = newId;
        var second = CinderBackupsApi.Admin(_second!, first.Project);
        var imported = await CinderBackupsApi.JsonAsync(await second.PostAsync($"{second.Backups}/import_record", ImportBody(service, decoded)),
            HttpStatusCode.Created);
        Assert.Equal(newId, imported.GetProperty("backup").GetProperty("id").GetString());
        Assert.Equal("moved", imported.GetProperty("backup").GetProperty("name").GetString());
        var shown = await second.ShowAsync(newId);
        Assert.Equal("available", shown.GetProperty("status").GetString());
        Assert.Equal("exported", shown.GetProperty("container").GetString());

        // The exporter lets go of its copy: the importer's row owns its own root.
        Assert.Equal(HttpStatusCode.Accepted, (await first.DeleteBackupAsync(id)).StatusCode);
        await first.WaitUntilGoneAsync(id);

        var restore = await second.RestoreAsync(newId);
        var target = restore.GetProperty("volume_id").GetString()!;
        await second.WaitForVolumeStatusAsync(target, "available");
        Assert.Equal(original, new VolumeFile(await second.DevicePathAsync(target)).Sha256());
    }

    [Fact]
    public async Task An_import_is_refused_when_the_container_lacks_the_root_or_the_id_exists_or_the_record_is_not_ours()
    {
        var first = CinderBackupsApi.Admin(_first!);
        var volume = await first.CreateVolumeAsync();
        var id = await first.CreateBackupAsync(volume, container: "kept");
        await first.WaitForBackupStatusAsync(id, "available");
        var exported = await CinderBackupsApi.JsonAsync(await first.GetAsync($"{first.Backups}/{id}/export_record"), HttpStatusCode.OK);
        var reference = exported.GetProperty("backup-record");
        var service = reference.GetProperty("backup_service").GetString()!;
        var decoded = JsonNode.Parse(Convert.FromBase64String(reference.GetProperty("backup_url").GetString()!))!;
        var second = CinderBackupsApi.Admin(_second!, first.Project);

        var missing = decoded.DeepClone();
        missing["id"] = Guid.NewGuid().ToString("D");
        missing["service_metadata"] = "424242";
        await ApiAssert.FaultAsync(await second.PostAsync($"{second.Backups}/import_record", ImportBody(service, missing)),
            HttpStatusCode.BadRequest, "badRequest", "Invalid backup: container 'kept' holds no backup 424242.");

        await ApiAssert.FaultAsync(await first.PostAsync($"{first.Backups}/import_record", ImportBody(service, decoded)),
            HttpStatusCode.BadRequest, "badRequest", "Invalid backup: Backup already exists in database.");
        await ApiAssert.FaultAsync(await second.PostAsync($"{second.Backups}/import_record", ImportBody("cinder.backup.drivers.swift", decoded)),
            HttpStatusCode.BadRequest, "badRequest",
            "Invalid backup: backup_service cinder.backup.drivers.swift is not this service's (cinder.backup.drivers.volumebackup): no backup host can import it.");
        var list = await CinderBackupsApi.JsonAsync(await second.GetAsync(second.Backups), HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("backups").EnumerateArray());

        await ApiAssert.FaultAsync(await first.PostAsync($"{first.Backups}/{id}/action", "{\"os-reset_status\": {\"status\": \"error\"}}")
            .ContinueWith(_ => first.GetAsync($"{first.Backups}/{id}/export_record"), TaskScheduler.Default).Unwrap(),
            HttpStatusCode.BadRequest, "badRequest", "Invalid backup: Backup status must be available and not error.");
    }

    private static string ImportBody(string service, JsonNode record) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["backup-record"] = new Dictionary<string, string>
        {
            ["backup_service"] = service,
            ["backup_url"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(record.ToJsonString())),
        },
    });
}
