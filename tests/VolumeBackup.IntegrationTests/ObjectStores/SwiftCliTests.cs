using System.Diagnostics;
using System.Text;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>What the driver writes is what a user sees with the standard <c>swift</c> command-line client.</summary>
public sealed class SwiftCliTests : IAsyncDisposable
{
    private const string SwiftCli = "/usr/bin/swift";
    private readonly string _container = SwiftFixture.NewContainerName();
    private readonly SwiftObjectStoreProvider _provider = new(SwiftFixture.UserModeOptions());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, _container, CancellationToken.None);
    }

    [Fact]
    public async Task The_swift_cli_lists_downloads_and_shows_the_metadata_of_objects_the_driver_wrote()
    {
        SwiftFixture.Require();
        RealServices.Require(File.Exists(SwiftCli), "The swift command (python3-swiftclient)", SwiftFixture.HowToStart);
        var store = _provider.Open(SwiftFixture.TenantA, _container);
        await store.EnsureContainerAsync(Ct);
        var manifest = Encoding.UTF8.GetBytes("{\"format\": 1}");
        var pack = new byte[300_000];
        Random.Shared.NextBytes(pack);
        await store.PutAsync("backups/b-1/manifest.json", manifest,
            new Dictionary<string, string> { ["backup-id"] = "b-1", ["volume-id"] = "vol-7", ["backup-name"] = "nightly" }, Ct);
        await store.PutAsync("packs/3f/3f2a9c", pack, null, Ct);

        var listing = await RunAsync("list", _container);
        var packs = await RunAsync("list", _container, "--prefix", "packs/");
        var stat = await RunAsync("stat", _container, "backups/b-1/manifest.json");
        var downloaded = await RunBytesAsync("download", _container, "packs/3f/3f2a9c", "-o", "-");

        Assert.Equal(["backups/b-1/manifest.json", "packs/3f/3f2a9c"], Lines(listing));
        Assert.Equal(["packs/3f/3f2a9c"], Lines(packs));
        Assert.Contains("Meta Backup-Id: b-1", stat, StringComparison.Ordinal);
        Assert.Contains("Meta Volume-Id: vol-7", stat, StringComparison.Ordinal);
        Assert.Contains("Meta Backup-Name: nightly", stat, StringComparison.Ordinal);
        Assert.Contains($"Content Length: {manifest.Length}", stat, StringComparison.Ordinal);
        Assert.Equal(pack, downloaded);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<string> RunAsync(params string[] args) => Encoding.UTF8.GetString(await RunBytesAsync(args));

    private static async Task<byte[]> RunBytesAsync(params string[] args)
    {
        var start = new ProcessStartInfo(SwiftCli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-A", SwiftFixture.AuthUrl.ToString(), "-U", "test:tester", "-K", "testing" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OS_AUTH_URL");
        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        await copy;
        Assert.True(process.ExitCode == 0, $"swift {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        return stdout.ToArray();
    }
}
