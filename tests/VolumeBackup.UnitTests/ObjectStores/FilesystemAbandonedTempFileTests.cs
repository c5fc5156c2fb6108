using VolumeBackup.ObjectStores.Filesystem;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>A put killed before its rename leaves a temporary file; listings remove it once it is old, never a fresh one.</summary>
public sealed class FilesystemAbandonedTempFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vb-tmp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_listing_removes_a_temporary_file_left_by_a_killed_put_and_keeps_one_in_flight()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FilesystemObjectStore(_root, "c");
        await store.PutAsync("locks/prune-a", new byte[] { 1 }, null, ct);
        var abandoned = Path.Combine(_root, "locks", ".prune-b.0123456789abcdef.tmp");
        var inFlight = Path.Combine(_root, "locks", ".prune-c.fedcba9876543210.tmp");
        await File.WriteAllBytesAsync(abandoned, [2], ct);
        await File.WriteAllBytesAsync(inFlight, [3], ct);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - TimeSpan.FromHours(1));

        var keys = await store.ListAsync("locks/", ct).Select(i => i.Key).ToListAsync(ct);

        Assert.Equal(["locks/prune-a"], keys);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inFlight));
    }
}
