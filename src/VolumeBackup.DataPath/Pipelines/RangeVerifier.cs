using System.Threading.Channels;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// A verification worker: fetches each range through a <see cref="RangeReader"/> and checks every block, recording damage
/// and going on. Needs no plaintext beyond one block (nothing is written), so its memory is one range plus one block.
/// </summary>
internal sealed class RangeVerifier(IObjectStore store, BackupManifest root, int maxBlocks, VerifyFindings findings, ProgressCounter counter)
{
    private readonly RangeReader _reader = new(store, root, maxBlocks);
    private readonly byte[] _plain = GC.AllocateUninitializedArray<byte>(root.BlockSize);

    public async Task RunAsync(ChannelReader<FetchRange> ranges, CancellationToken ct)
    {
        using var decompressor = new BlockDecompressor();
        await foreach (var range in ranges.ReadAllAsync(ct))
        {
            var outcome = await _reader.FetchAsync(range, ct);
            if (outcome == RangeReadOutcome.PackMissing)
            {
                findings.Missing(PackFormat.KeyOf(range.Pack));
            }

            long bytes = 0;
            for (var j = 0; j < range.Entries.Count; j++)
            {
                var plainLength = _reader.PlainLengthOf(range, j);
                bytes += plainLength;
                var reason = outcome switch
                {
                    RangeReadOutcome.PackMissing => DamageReasons.MissingObject,
                    RangeReadOutcome.PackShort => DamageReasons.ShortObject,
                    _ => _reader.TryDecode(range, j, decompressor, _plain.AsSpan(0, plainLength)) ? null : DamageReasons.HashMismatch,
                };
                if (reason is not null)
                {
                    findings.Damaged(RangeReader.BlockOf(range, j), _reader.OffsetOf(range, j), reason);
                }
            }

            findings.Checked(range.Entries.Count, bytes);
            counter.Add(bytes);
        }
    }
}
