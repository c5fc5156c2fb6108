using System.Buffers;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.ObjectStores;

public sealed class RetryingObjectStoreTests : IDisposable
{
    private static readonly RetryOptions NoDelays = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
    private readonly string _root = Directory.CreateTempSubdirectory("vb-retry-").FullName;
    private readonly FaultyObjectStore _faulty;
    private readonly RetryingObjectStore _store;

    public RetryingObjectStoreTests()
    {
        _faulty = new FaultyObjectStore(new FilesystemObjectStore(Path.Combine(_root, "c"), "c"));
        _store = new RetryingObjectStore(_faulty, NoDelays);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ObjectStoreException Transient() => new("Injected: 503 Service Unavailable.", isTransient: true);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Transient_failures_are_retried_until_the_operation_succeeds()
    {
        await _store.EnsureContainerAsync(Ct);
        _faulty.Fault = (op, n) => op == "put" && n <= 2 ? Transient() : null;

        await _store.PutAsync("k", new byte[] { 1, 2, 3 }, null, Ct);

        Assert.Equal(3, _faulty.Calls("put"));
        Assert.Equal(3, (await _store.TryGetInfoAsync("k", Ct))!.Size);
    }

    [Fact]
    public async Task A_permanent_failure_is_passed_on_at_once()
    {
        await _store.EnsureContainerAsync(Ct);
        _faulty.Fault = (op, _) => op == "put" ? new ObjectStoreException("403 Forbidden: access denied.", isTransient: false) : null;

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync("k", new byte[] { 1 }, null, Ct));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => _store.GetAsync("missing", new ArrayBufferWriter<byte>(), Ct));

        Assert.Equal("403 Forbidden: access denied.", error.Message);
        Assert.Equal(1, _faulty.Calls("put"));
        Assert.Equal(1, _faulty.Calls("get"));
    }

    [Fact]
    public async Task When_the_attempts_run_out_the_error_says_retries_exhausted_and_how_many_were_made()
    {
        _faulty.Fault = (op, _) => op == "delete" ? Transient() : null;

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.DeleteAsync("k", Ct));

        Assert.False(error.IsTransient);
        Assert.True(error.RetriesExhausted);
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Equal("The deletion of 'k' failed, retries exhausted after 4 attempts: Injected: 503 Service Unavailable.", error.Message);
        Assert.IsType<ObjectStoreException>(error.InnerException);
        Assert.Equal(4, _faulty.Calls("delete"));
    }

    [Fact]
    public async Task A_read_that_appended_bytes_before_failing_is_not_repeated()
    {
        await _store.EnsureContainerAsync(Ct);
        await _store.PutAsync("k", new byte[100], null, Ct);
        _faulty.Fault = (op, n) => op == "get" && n == 1 ? Transient() : null;
        _faulty.PartialReadBytes = 10;
        var destination = new ArrayBufferWriter<byte>();

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.GetAsync("k", destination, Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("cannot be retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _faulty.Calls("get"));
    }

    [Fact]
    public async Task A_read_that_failed_before_appending_is_retried()
    {
        await _store.EnsureContainerAsync(Ct);
        await _store.PutAsync("k", new byte[] { 1, 2, 3, 4 }, null, Ct);
        _faulty.Fault = (op, n) => op == "range" && n == 1 ? Transient() : null;
        var destination = new ArrayBufferWriter<byte>();

        await _store.GetRangeAsync("k", 1, 2, destination, Ct);

        Assert.Equal(new byte[] { 2, 3 }, destination.WrittenSpan.ToArray());
        Assert.Equal(2, _faulty.Calls("range"));
    }

    [Fact]
    public async Task A_listing_broken_by_a_transient_failure_resumes_without_repeating_or_losing_keys()
    {
        await _store.EnsureContainerAsync(Ct);
        var keys = Enumerable.Range(0, 10).Select(i => $"p/{i:D2}").ToList();
        foreach (var key in keys)
        {
            await _store.PutAsync(key, new byte[] { 1 }, null, Ct);
        }

        _faulty.Fault = (op, n) => op == "list" && n <= 2 ? Transient() : null;
        _faulty.ListItemsBeforeFault = 4;

        var listed = await _store.ListAsync("p/", Ct).Select(i => i.Key).ToListAsync(Ct);

        Assert.Equal(keys, listed);
        Assert.Equal(3, _faulty.Calls("list"));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _faulty.Fault = (_, _) => new OperationCanceledException(cancelled.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.DeleteAsync("k", cancelled.Token));

        Assert.True(_faulty.Calls("delete") <= 1);
    }

    [Fact]
    public async Task Deleting_many_is_retried_as_one_operation()
    {
        await _store.EnsureContainerAsync(Ct);
        await _store.PutAsync("a", new byte[] { 1 }, null, Ct);
        _faulty.Fault = (op, n) => op == "deleteMany" && n == 1 ? Transient() : null;

        await _store.DeleteManyAsync(["a", "b"], Ct);

        Assert.Equal(2, _faulty.Calls("deleteMany"));
        Assert.Null(await _store.TryGetInfoAsync("a", Ct));
    }
}
