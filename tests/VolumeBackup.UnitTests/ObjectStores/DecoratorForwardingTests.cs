using System.Buffers;
using System.Collections.Concurrent;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>
/// Every decorator hands a bulk delete to its inner store as one call: a decorator that leaves it to the interface's
/// default turns a Swift bulk delete (one request per 10,000 objects) into one DELETE per object.
/// </summary>
public sealed class DecoratorForwardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How to wrap an inner store in each decorator; a new decorator fails the coverage test until it is listed.</summary>
    private static readonly Dictionary<Type, Func<IObjectStore, IObjectStore>> Decorators = new()
    {
        [typeof(RetryingObjectStore)] = inner => new RetryingObjectStore(inner, new RetryOptions()),
        [typeof(ThrottledObjectStore)] = inner => new ThrottledObjectStore(inner, 1L << 30, TimeProvider.System),
    };

    public static TheoryData<string> DecoratorNames() => [.. Decorators.Keys.Select(t => t.Name)];

    [Fact]
    public void Every_decorator_of_the_object_stores_assembly_is_covered()
    {
        var decorators = typeof(IObjectStore).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(RetryingObjectStore).Namespace && t.IsClass && typeof(IObjectStore).IsAssignableFrom(t))
            .ToHashSet();

        Assert.Equal(decorators.OrderBy(t => t.Name), Decorators.Keys.OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(DecoratorNames))]
    public async Task A_bulk_delete_reaches_the_inner_store_as_one_call(string decorator)
    {
        var inner = new CallCountingStore();
        var store = Decorators.Single(d => d.Key.Name == decorator).Value(inner);

        await store.DeleteManyAsync(["a", "b", "c"], Ct);

        Assert.Equal(1, inner.Calls.GetValueOrDefault("deleteMany"));
        Assert.Equal(0, inner.Calls.GetValueOrDefault("delete"));
    }

    /// <summary>Counts the calls it gets; stores nothing.</summary>
    private sealed class CallCountingStore : IObjectStore
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new();

        public string Container => "c";

        public Task EnsureContainerAsync(CancellationToken ct) => Count("ensure");

        public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct) =>
            Count("put");

        public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct) => Count("get");

        public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct) =>
            Count("range");

        public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => Task.FromResult<ObjectInfo?>(null);

        public Task DeleteAsync(string key, CancellationToken ct) => Count("delete");

        public Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct) => Count("deleteMany");

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct) => AsyncEnumerable.Empty<ObjectInfo>();

        private Task Count(string op)
        {
            Calls.AddOrUpdate(op, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}
