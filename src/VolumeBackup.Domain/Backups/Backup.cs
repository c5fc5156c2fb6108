namespace VolumeBackup.Domain.Backups;

/// <summary>A point-in-time copy of a volume in a container of the tenant's object store. Size in GB (the volume's).</summary>
public sealed class Backup
{
    public long Id { get; set; }

    /// <summary>The id the Cinder surface shows; the HP surface shows <see cref="Id"/>. Set when the row is added.</summary>
    public Guid Uuid { get; set; }

    /// <summary>The user who asked for the backup, when the identity tells one.</summary>
    public string? UserId { get; set; }

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

    /// <summary>
    /// True when an earlier backup of the same volume was available in the same container when this one was asked
    /// for: the data path then stores only blocks that container lacks (every block is content-addressed).
    /// </summary>
    public bool IsIncremental { get; set; }

    /// <summary>Free key/value pairs of the user (Cinder's backup metadata).</summary>
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The running job's operation (<c>create</c>, <c>restore</c>), null when none runs.</summary>
    public string? ProgressOperation { get; set; }

    public long ProgressBytesDone { get; set; }

    public long ProgressBytesTotal { get; set; }

    /// <summary>The target volume of a running restore, null otherwise.</summary>
    public long? RestoreVolumeId { get; set; }

    /// <summary>The last verification's verdict (<see cref="BackupVerification"/>): unverified, verified or damaged.</summary>
    public string Verification { get; set; } = BackupVerification.Unverified;

    /// <summary>When the last verification that ran to its end finished; null when none did.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>The last verification's findings (JSON: blocks checked, damaged blocks with offsets, missing objects).</summary>
    public string? VerificationReport { get; set; }

    /// <summary>The schedule that made this backup, null for one asked for by hand; retention prunes only its own policy's backups.</summary>
    public long? PolicyId { get; set; }

    /// <summary>Bytes of packs and segments this backup added to its container (what it cost); 0 until it is available.</summary>
    public long StoredBytes { get; set; }

    /// <summary>Bytes of non-zero blocks the backup covers (what a full copy would cost); 0 until it is available.</summary>
    public long DataBytes { get; set; }
}
