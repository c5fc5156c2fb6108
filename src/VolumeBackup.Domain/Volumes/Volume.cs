namespace VolumeBackup.Domain.Volumes;

/// <summary>A block volume of a tenant, kept by the volume driver of <see cref="Host"/>. Size in GiB.</summary>
public sealed class Volume
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public string? DisplayName { get; set; }

    public string? DisplayDescription { get; set; }

    public int SizeGb { get; set; }

    public required string Status { get; set; }

    public required string AvailabilityZone { get; set; }

    /// <summary>The node whose volume driver holds the bytes; jobs on this volume run there.</summary>
    public required string Host { get; set; }

    public string? FailReason { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long SizeBytes => SizeGb * (1L << 30);
}
