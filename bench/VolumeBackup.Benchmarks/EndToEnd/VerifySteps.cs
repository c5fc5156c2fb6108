using System.Buffers;
using System.Diagnostics;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.Benchmarks.EndToEnd;

/// <summary>
/// The e2e steps about verification: "verify" reads a backup back and checks every block as the service's verify job
/// does, and "damage-pack" flips a byte of a stored block on purpose, to show that the verify step can report damage.
/// </summary>
internal static class VerifySteps
{
    /// <summary>How many damaged blocks and missing objects are named; the counts cover them all.</summary>
    private const int Named = 5;

    /// <summary>
    /// Prints the usual figures over the backup's logical size and what the verification found. It exits 0 whatever it
    /// found: whether damage stops the run is the script's decision (it expects none on a good backup).
    /// </summary>
    public static async Task<int> VerifyAsync(Dictionary<string, string> o)
    {
        var engine = new BackupEngine(EndToEndCommand.OptionsFrom(o), TimeProvider.System);
        using var stores = new BenchStores();
        var store = await stores.OpenAsync(o["store"]);
        var watch = Stopwatch.StartNew();
        var result = await engine.VerifyAsync(store, o["id"], null, CancellationToken.None);
        watch.Stop();
        EndToEndCommand.Report(watch, result.VolumeSize);
        Console.WriteLine($"blocks_checked={result.BlocksChecked}");
        Console.WriteLine($"bytes_checked={result.BytesChecked}");
        Console.WriteLine($"damaged_blocks={result.DamagedBlockCount}");
        Console.WriteLine($"missing_objects={result.MissingObjects.Count}");
        foreach (var block in result.DamagedBlocks.Take(Named))
        {
            Console.WriteLine($"damaged=block {block.Block} at offset {block.Offset}: {block.Reason}");
        }

        foreach (var key in result.MissingObjects.Take(Named))
        {
            Console.WriteLine($"missing={key}");
        }

        return 0;
    }

    /// <summary>
    /// Flips one bit in the middle of the middle block of the first pack (in key order), leaving the pack's index and
    /// trailer intact: the block's bytes no longer match its hash, which only reading the block back can tell.
    /// </summary>
    public static async Task<int> DamagePackAsync(Dictionary<string, string> o)
    {
        using var stores = new BenchStores();
        var store = await stores.OpenAsync(o["store"]);
        string? key = null;
        await foreach (var info in store.ListAsync(PackFormat.Prefix, CancellationToken.None))
        {
            key = info.Key;
            break;
        }

        if (key is null || !PackFormat.TryParseKey(key, out var packId))
        {
            await Console.Error.WriteLineAsync("no pack to damage");
            return 1;
        }

        var entries = await PackIndexReader.TryReadAsync(store, packId, CancellationToken.None)
            ?? throw new InvalidOperationException($"pack {key} vanished");
        var entry = entries[entries.Count / 2];
        var at = (int)(entry.Offset + (entry.StoredLength / 2));
        var bytes = new ArrayBufferWriter<byte>();
        await store.GetAsync(key, bytes, CancellationToken.None);
        var pack = bytes.WrittenSpan.ToArray();
        pack[at] ^= 1;
        await store.PutAsync(key, pack, null, CancellationToken.None);
        Console.WriteLine($"damaged_pack={key}");
        Console.WriteLine($"flipped_byte_at={at}");
        return 0;
    }
}
