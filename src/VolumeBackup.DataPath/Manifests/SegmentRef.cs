namespace VolumeBackup.DataPath.Manifests;

/// <summary>Span <paramref name="Index"/> of the volume is described by segment object <c>segments/&lt;2 hex&gt;/&lt;Hash&gt;</c>.</summary>
public sealed record SegmentRef(long Index, string Hash);
