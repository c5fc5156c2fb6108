using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Volumes;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>Tests that run the server on 127.0.0.1:8776, where the Keystone catalog points: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatalogPortGroup
{
    public const string Name = "catalog-port-8776";
}

/// <summary>
/// The stock <c>openstack</c> and <c>swift</c> clients with password login only (no token, no endpoint): they find
/// the server (Keystone mode, user-mode Swift) and the user's own Swift account through Keystone's catalog, and the
/// backups land in that account through the job's trust.
/// </summary>
[Collection(CatalogPortGroup.Name)]
public sealed class KeystonePasswordLoginTests
{
    private const string CatalogUrl = "http://127.0.0.1:8776";
    private const string SwiftPath = "/usr/bin/swift";

    [Fact]
    public async Task A_user_logging_in_with_a_password_backs_up_lists_restores_and_deletes_and_the_objects_are_in_the_users_own_account()
    {
        KeystoneFixture.Require();
        OpenStackCli.Require();
        RealServices.Require(File.Exists(SwiftPath), "The swift command (python3-swiftclient)", OpenStackCli.HowToInstall);
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift(("urls", CatalogUrl)));
        Assert.Equal(CatalogUrl, server.BaseUrl);
        var project = await KeystoneServers.ProjectIdAsync(KeystoneFixture.Demo);
        using var adminClient = KeystoneServers.CreateClient(server, KeystoneFixture.Admin);
        var hp = new BackupApi(adminClient, project); // the admin's view of demo's volumes shows their files
        var container = "e2e-trust-" + Guid.NewGuid().ToString("N")[..8];

        var volumeName = "src-" + Guid.NewGuid().ToString("N")[..8];
        // openstack 6.0's volume create asks the catalog for an image endpoint, which this Keystone does not register:
        // cinder makes the volume, with the same password login.
        var created = await CinderAsync(KeystoneFixture.Demo, "create", "--name", volumeName, "1");
        created.AssertSucceeded();
        var volumeId = created.Properties()["id"];
        await WaitAsync(KeystoneFixture.Demo, ["volume", "show", volumeId], "available");
        var source = await DevicePathAsync(server, hp, volumeName);
        await WriteKnownAsync(source);
        var original = await HashAsync(source);

        var backup = await OpenStackJsonAsync(KeystoneFixture.Demo, "volume", "backup", "create", "--container", container, "--name", "bk-" + volumeName, volumeId);
        var backupId = backup.GetProperty("id").GetString()!;
        var shown = await WaitAsync(KeystoneFixture.Demo, ["volume", "backup", "show", backupId], "available");
        Assert.Equal(container, shown.GetProperty("container").GetString());
        var listed = await OpenStackJsonAsync(KeystoneFixture.Demo, "volume", "backup", "list");
        Assert.Contains(listed.EnumerateArray(), b => b.GetProperty("ID").GetString() == backupId);

        var objects = await SwiftListAsync(KeystoneFixture.Demo, container);
        objects.AssertSucceeded();
        Assert.NotEmpty(objects.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var elsewhere = await SwiftListAsync(KeystoneFixture.Demo2, container);
        Assert.NotEqual(0, elsewhere.ExitCode); // demo2's account has no such container

        var restoredName = "new-" + Guid.NewGuid().ToString("N")[..8];
        VolumeContent.AssertRestoreSent(await OpenStackAsync(KeystoneFixture.Demo, "volume", "backup", "restore", backupId, restoredName));
        var restored = await OpenStackJsonAsync(KeystoneFixture.Demo, "volume", "show", restoredName);
        await WaitAsync(KeystoneFixture.Demo, ["volume", "show", restored.GetProperty("id").GetString()!], "available");
        await WaitAsync(KeystoneFixture.Demo, ["volume", "backup", "show", backupId], "available");
        Assert.Equal(original, await HashAsync(await DevicePathAsync(server, hp, restoredName)));

        (await OpenStackAsync(KeystoneFixture.Demo, "volume", "backup", "delete", backupId)).AssertSucceeded();
        await WaitUntilGoneAsync(backupId);
        var after = await SwiftListAsync(KeystoneFixture.Demo, container);
        after.AssertSucceeded();
        Assert.Empty(after.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_plain_backup_list_works_with_a_password_login()
    {
        KeystoneFixture.Require();
        OpenStackCli.Require();
        await using var server = await TestServer.StartAsync(KeystoneServers.UserModeSwift(("urls", CatalogUrl)));

        var run = await OpenStackAsync(KeystoneFixture.Demo, "volume", "backup", "list", "-f", "json");

        run.AssertSucceeded();
        Assert.Equal(JsonValueKind.Array, run.Json().ValueKind);
    }

    private static Dictionary<string, string> PasswordLogin(KeystoneUser user) => new()
    {
        ["OS_AUTH_URL"] = KeystoneFixture.AuthUrl.ToString(),
        ["OS_USERNAME"] = user.Name,
        ["OS_PASSWORD"] = user.Password,
        ["OS_PROJECT_NAME"] = user.Project,
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        ["OS_IDENTITY_API_VERSION"] = "3",
    };

    private static Task<CliRun> OpenStackAsync(KeystoneUser user, params string[] args) =>
        OpenStackCli.RunAsync(OpenStackCli.OpenStackPath, args, environment: PasswordLogin(user));

    private static Task<CliRun> CinderAsync(KeystoneUser user, params string[] args) =>
        OpenStackCli.RunAsync(OpenStackCli.CinderPath, args, environment: PasswordLogin(user));

    private static async Task<JsonElement> OpenStackJsonAsync(KeystoneUser user, params string[] args) =>
        (await OpenStackAsync(user, [.. args, "-f", "json"])).Json();

    private static Task<CliRun> SwiftListAsync(KeystoneUser user, string container) =>
        OpenStackCli.RunAsync(SwiftPath, ["--auth-version", "3", "list", container], environment: PasswordLogin(user));

    private static async Task<JsonElement> WaitAsync(KeystoneUser user, string[] show, string status)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            var shown = await OpenStackJsonAsync(user, [.. show]);
            var current = shown.GetProperty("status").GetString();
            Assert.False(current is "error" or "error_restoring", $"{string.Join(' ', show)}: {shown}");
            if (current == status)
            {
                return shown;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{string.Join(' ', show)} did not reach {status}: {shown}");
            await Task.Delay(300);
        }
    }

    private static async Task WaitUntilGoneAsync(string backupId)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            var show = await OpenStackAsync(KeystoneFixture.Demo, "volume", "backup", "show", backupId, "-f", "json");
            if (show.ExitCode != 0)
            {
                show.AssertFailedWith($"No volumebackup with a name or ID of '{backupId}' exists.");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Backup {backupId} was not deleted:\n{show}");
            await Task.Delay(300);
        }
    }

    private static async Task<string> DevicePathAsync(TestServer server, BackupApi hp, string name)
    {
        var body = await ApiAssert.OkJsonAsync(await hp.Client.GetPathAsync($"v1.1/{hp.Tenant}/os-volumes"));
        var volume = body.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("displayName").GetString() == name);
        return server.Services.GetRequiredService<IVolumeDriver>().GetDevicePath(volume.GetProperty("id").GetString()!);
    }

    private static async Task WriteKnownAsync(string path)
    {
        var data = new byte[2 << 20];
        new Random(81).NextBytes(data);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Seek(3L << 20, SeekOrigin.Begin);
        await file.WriteAsync(data);
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file));
    }
}
