using System.Threading.Channels;

namespace VolumeBackup.DataPath.Buffers;

/// <summary>
/// A fixed number of reusable items (buffers, chunks), created on first need and never more than <see cref="Capacity"/>.
/// Renting from an empty pool waits until an item is returned: that wait is the pipeline's backpressure, and it is why
/// memory is items x item size whatever the volume's size.
/// </summary>
internal sealed class BoundedPool<T>
    where T : class
{
    private readonly Channel<T> _free;
    private readonly Func<T> _create;
    private int _created;

    public BoundedPool(int capacity, Func<T> create)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _create = create;
        _free = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = false });
    }

    public int Capacity { get; }

    /// <summary>How many items exist: at most <see cref="Capacity"/>.</summary>
    public int Created => Volatile.Read(ref _created);

    public ValueTask<T> RentAsync(CancellationToken ct)
    {
        if (_free.Reader.TryRead(out var item))
        {
            return ValueTask.FromResult(item);
        }

        // Create a new item only while below capacity; the increment is the reservation.
        if (Interlocked.Increment(ref _created) <= Capacity)
        {
            return ValueTask.FromResult(_create());
        }

        Interlocked.Decrement(ref _created);
        return _free.Reader.ReadAsync(ct);
    }

    /// <summary>Gives an item back. Each rented item must be returned once, on every path.</summary>
    public void Return(T item)
    {
        if (!_free.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("More items were returned to the pool than it created.");
        }
    }
}
