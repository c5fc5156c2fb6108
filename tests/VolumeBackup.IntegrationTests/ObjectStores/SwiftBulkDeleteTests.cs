using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>Deleting many objects uses Swift's bulk delete when /info offers it, and single deletes otherwise.</summary>
public sealed class SwiftBulkDeleteTests : IAsyncDisposable
{
    private readonly string _container = SwiftFixture.NewContainerName();
    private readonly FaultInjectingHandler _handler = new((_, _) => HttpFault.None);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, _container, CancellationToken.None);
    }

    [Theory]
    [InlineData(true, 1, 0)]
    [InlineData(false, 0, 30)]
    public async Task Deleting_thirty_objects_takes_one_bulk_request_or_thirty_deletes(bool useBulkDelete, int posts, int deletes)
    {
        SwiftFixture.Require();
        var options = SwiftFixture.UserModeOptions();
        options.UseBulkDelete = useBulkDelete;
        using var provider = new SwiftObjectStoreProvider(options, _handler);
        var store = provider.Open(SwiftFixture.TenantA, _container);
        await store.EnsureContainerAsync(Ct);
        var keys = Enumerable.Range(0, 30).Select(i => $"segments/{i:D3} with space").ToList();
        await Parallel.ForEachAsync(keys, Ct, async (key, t) => await store.PutAsync(key, new byte[] { 7 }, null, t));
        _handler.Log.Clear();

        await store.DeleteManyAsync(keys, Ct);

        Assert.Equal(posts, _handler.Log.Count(l => l.StartsWith("POST ", StringComparison.Ordinal)));
        Assert.Equal(deletes, _handler.Log.Count(l => l.StartsWith("DELETE ", StringComparison.Ordinal)));
        Assert.Empty(await store.ListAsync(string.Empty, Ct).ToListAsync(Ct));
    }
}
