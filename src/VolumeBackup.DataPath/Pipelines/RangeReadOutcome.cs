namespace VolumeBackup.DataPath.Pipelines;

/// <summary>How a ranged GET of a pack went: its bytes arrived, the pack is gone, or it is shorter than its index says.</summary>
internal enum RangeReadOutcome
{
    Read,
    PackMissing,
    PackShort,
}
