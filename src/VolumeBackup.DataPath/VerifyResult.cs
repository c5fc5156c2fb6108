namespace VolumeBackup.DataPath;

/// <summary>
/// What <see cref="BackupEngine.VerifyAsync"/> found. <see cref="DamagedBlocks"/> is in volume order and holds at most
/// <see cref="DamagedBlocksListed"/> entries (a wholly lost volume would otherwise fill memory); <see cref="DamagedBlockCount"/>
/// counts them all.
/// </summary>
public sealed class VerifyResult
{
    /// <summary>How many damaged blocks a result lists at most.</summary>
    public const int DamagedBlocksListed = 10_000;

    public required string BackupId { get; init; }

    public required long VolumeSize { get; init; }

    /// <summary>Stored blocks examined, good or damaged.</summary>
    public required long BlocksChecked { get; init; }

    /// <summary>Volume bytes of the stored blocks examined (decoded size).</summary>
    public required long BytesChecked { get; init; }

    public required long DamagedBlockCount { get; init; }

    public required IReadOnlyList<DamagedBlock> DamagedBlocks { get; init; }

    /// <summary>Keys of packs and segments the backup refers to that are not in the container, in key order.</summary>
    public required IReadOnlyList<string> MissingObjects { get; init; }

    /// <summary>True when any block is damaged or any object missing: a restore would fail.</summary>
    public bool IsDamaged => DamagedBlockCount > 0 || MissingObjects.Count > 0;
}
