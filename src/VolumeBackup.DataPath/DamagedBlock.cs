namespace VolumeBackup.DataPath;

/// <summary>
/// A block a verification found unreadable: its index in the volume, its byte offset in the volume and why
/// (see <see cref="DamageReasons"/>). For an unreadable segment it is the first block of the span the segment describes.
/// </summary>
public sealed record DamagedBlock(long Block, long Offset, string Reason);
