namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>
/// A parsed "manage existing" request: adopt the block device or file at <see cref="SourceName"/> on
/// <see cref="Host"/> (null = this node) as a new volume.
/// </summary>
internal sealed record ManageRequest(
    string? Host,
    string SourceName,
    string? DisplayName,
    string? DisplayDescription,
    string? AvailabilityZone,
    Dictionary<string, string> Metadata);
