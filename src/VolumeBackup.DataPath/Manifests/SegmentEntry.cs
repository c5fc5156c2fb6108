using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Manifests;

/// <summary>One stored block of a segment: its index within the segment's span, its hash and where it lives.</summary>
public readonly record struct SegmentEntry(int Block, Hash256 Hash, BlockLocation Location);
