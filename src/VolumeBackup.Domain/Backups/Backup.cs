namespace VolumeBackup.Domain.Backups;

/// <summary>A point-in-time copy of a volume in a container of the tenant's object store. Size in GB (the volume's).</summary>
public sealed class Backup
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public long VolumeId { get; set; }

    public string? DisplayName { get; set; }

    public string? DisplayDescription { get; set; }

    public required string Container { get; set; }

    public required string Status { get; set; }

    public string? FailReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int SizeGb { get; set; }

    public int ObjectCount { get; set; }

    /// <summary>The running job's operation (<c>create</c>, <c>restore</c>), null when none runs.</summary>
    public string? ProgressOperation { get; set; }

    public long ProgressBytesDone { get; set; }

    public long ProgressBytesTotal { get; set; }

    /// <summary>The target volume of a running restore, null otherwise.</summary>
    public long? RestoreVolumeId { get; set; }
}
