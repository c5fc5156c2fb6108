using System.Buffers;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>Reads response bodies so that the destination sees all of the body or nothing.</summary>
internal static class SwiftBodies
{
    /// <summary>
    /// Appends the body to <paramref name="destination"/>, advancing it once after the last byte arrived.
    /// A body shorter or longer than <paramref name="expectedLength"/> is a transient error (a broken transfer).
    /// </summary>
    public static async Task ReadAllAsync(HttpContent content, long? expectedLength, IBufferWriter<byte> destination, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        if (expectedLength is not { } expected)
        {
            // No length announced (chunked): collect privately, then hand over.
            var collected = new ArrayBufferWriter<byte>();
            int n;
            while ((n = await stream.ReadAsync(collected.GetMemory(1 << 16), ct)) > 0)
            {
                collected.Advance(n);
            }

            destination.Write(collected.WrittenSpan);
            return;
        }

        var length = checked((int)expected);
        var memory = destination.GetMemory(Math.Max(length, 1));
        if (memory.Length >= length)
        {
            await stream.ReadExactlyAsync(memory[..length], ct);
            destination.Advance(length);
            return;
        }

        // The writer cannot give one span this large: read into a pooled buffer, then copy.
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await stream.ReadExactlyAsync(rented.AsMemory(0, length), ct);
            destination.Write(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
