namespace VolumeBackup.DataPath;

/// <summary>The reasons a <see cref="DamagedBlock"/> gives; short and fixed, so reports can be grouped and compared.</summary>
public static class DamageReasons
{
    /// <summary>The pack that holds the block is not in the container.</summary>
    public const string MissingObject = "missing object";

    /// <summary>The pack that holds the block ends before the block does (truncated).</summary>
    public const string ShortObject = "short object";

    /// <summary>The block's bytes do not decode, or do not match its SHA-256.</summary>
    public const string HashMismatch = "hash mismatch";

    /// <summary>The segment that lists the span's blocks is not in the container: none of them can be found.</summary>
    public const string MissingSegment = "missing segment";

    /// <summary>The segment that lists the span's blocks is short, altered or cannot be decoded.</summary>
    public const string DamagedSegment = "damaged segment";

    /// <summary>A segment entry points outside the volume or has an impossible size.</summary>
    public const string InvalidEntry = "invalid manifest entry";
}
