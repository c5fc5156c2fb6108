using System.Security.Cryptography;
using System.Text;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Freezes the backup format: a fixed volume backs up to exactly these objects. A change here breaks every existing
/// backup; it needs a new format version and a reader for the old one, never an edited expectation.
/// </summary>
public sealed class FormatGoldenTests : IDisposable
{
    private readonly DataPathFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_fixed_volume_backs_up_to_byte_exact_objects()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(new DataPathOptions { Workers = 2, UploadConcurrency = 2 }, TimeProvider.System);
        var volume = _fx.NewVolume(4 * 65536 + 1000);
        var text = Text(65536);
        volume.Write(0, text); // block 0: compressible
        // block 1: a hole (zero)
        volume.Write(2 * 65536, Noise(65536)); // block 2: incompressible, stored raw
        volume.Write(3 * 65536, text); // block 3: same as block 0, stored once
        volume.Write(4 * 65536, Text(1000)); // block 4: a partial last block
        var descriptor = new BackupDescriptor(
            "golden-1", "42", "nightly", "format freeze", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), null);

        BackupResult result;
        using (var handle = volume.Open())
        {
            result = await engine.BackupAsync(handle, _fx.Store, descriptor, null, ct);
        }

        var objects = _fx.Keys("").Where(k => !k.StartsWith("locks/", StringComparison.Ordinal))
            .Select(k => $"{k} {Sha256(Path.Combine(_fx.StoreDirectory, k))}")
            .ToArray();
        Assert.Equal(ExpectedObjects, objects);
        Assert.Equal(ExpectedRoot, await File.ReadAllTextAsync(Path.Combine(_fx.StoreDirectory, ManifestKeys.RootOf("golden-1")), ct));
        Assert.Equal(3, result.ObjectCount);
        Assert.Equal(3, result.NewBlocks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(engine, "golden-1", 4 * 65536 + 1000)).Sha256());
    }

    private static readonly string[] ExpectedObjects =
    [
        "backups/golden-1/manifest.json 7cdb493142b1717396a13fcc460e52596ea4d70a667ab324b04ffccaf41f1e68",
        "packs/f7/f7a813c66ca548b1c486fc00f82750a937c743720c5a8950f009ae1f1cfc0ff5 03bddbc621f24c2bbdb53cd34ce84f40d7da99ce0af10fa418550e108bf370e6",
        "segments/4b/4b48b878505dea2e3e0d8ac2d68ae1dc478f949d8640d231c5ab1e87ace40e36 4b48b878505dea2e3e0d8ac2d68ae1dc478f949d8640d231c5ab1e87ace40e36",
    ];

    private const string ExpectedRoot = """
        {
          "format_version": 1,
          "backup_id": "golden-1",
          "volume_id": "42",
          "display_name": "nightly",
          "display_description": "format freeze",
          "created_at": "2026-01-02T03:04:05+00:00",
          "previous_backup_id": null,
          "volume_size": 263144,
          "block_size": 65536,
          "segment_blocks": 16384,
          "segments": [
            {
              "index": 0,
              "hash": "4b48b878505dea2e3e0d8ac2d68ae1dc478f949d8640d231c5ab1e87ace40e36"
            }
          ],
          "stats": {
            "stored_blocks": 4,
            "zero_blocks": 1,
            "new_blocks": 3,
            "new_stored_bytes": 66351,
            "referenced_packs": 1,
            "referenced_segments": 1,
            "object_count": 3
          }
        }
        """;

    /// <summary>Text-like bytes defined here, independent of any runtime's random generator.</summary>
    private static byte[] Text(int length)
    {
        var sentence = Encoding.ASCII.GetBytes("The quick brown volume jumps over 64 KiB blocks; segment 0042 points at pack 7.\n");
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(sentence[i % sentence.Length] + (i / 4096 % 3));
        }

        return bytes;
    }

    /// <summary>Incompressible bytes: SHA-256 in counter mode.</summary>
    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i * 32 < length; i++)
        {
            SHA256.HashData(BitConverter.GetBytes(i), bytes.AsSpan(i * 32, Math.Min(32, length - i * 32)));
        }

        return bytes;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
