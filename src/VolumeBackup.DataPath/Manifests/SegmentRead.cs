namespace VolumeBackup.DataPath.Manifests;

/// <summary>A segment read: the segment, or why there is none (<paramref name="Missing"/>: the object is absent).</summary>
internal sealed record SegmentRead(Segment? Segment, bool Missing, string? Problem)
{
    public static SegmentRead Failed(bool missing, string problem) => new(null, missing, problem);
}
