namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>A validated create-volume request.</summary>
internal sealed record NewVolume(
    int SizeGb,
    string? DisplayName,
    string? DisplayDescription,
    string? AvailabilityZone,
    Dictionary<string, string> Metadata);
