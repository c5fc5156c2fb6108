namespace VolumeBackup.Domain.Volumes;

/// <summary>A block volume of a tenant, kept by the volume driver of <see cref="Host"/>. Size in GiB.</summary>
public sealed class Volume
{
    public long Id { get; set; }

    /// <summary>The id the Cinder surface shows; the HP surface shows <see cref="Id"/>. Set when the row is added.</summary>
    public Guid Uuid { get; set; }

    /// <summary>The user who created the volume, when the identity tells one.</summary>
    public string? UserId { get; set; }

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

    /// <summary>The attachment of an <c>in-use</c> volume, null when detached.</summary>
    public Guid? AttachmentId { get; set; }

    /// <summary>The server (instance) the volume is attached to.</summary>
    public string? AttachedServerId { get; set; }

    /// <summary>The compute host the volume is attached to.</summary>
    public string? AttachedHostName { get; set; }

    /// <summary>The device path inside the server (<c>/dev/vdb</c>).</summary>
    public string? AttachedDevice { get; set; }

    /// <summary><c>rw</c> or <c>ro</c>.</summary>
    public string? AttachMode { get; set; }

    public DateTimeOffset? AttachedAt { get; set; }

    /// <summary>
    /// The block device or file on <see cref="Host"/> that an admin adopted as this volume ("manage existing"); null for a
    /// volume whose file the service created. Unmanaging releases it without touching its bytes.
    /// </summary>
    public string? ManagedPath { get; set; }

    /// <summary>The exact size in bytes of an adopted device or file, which need not be a whole number of GiB.</summary>
    public long? ManagedSizeBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The volume's size in bytes: an adopted device's own size, else <see cref="SizeGb"/> GiB.</summary>
    public long SizeBytes => ManagedSizeBytes ?? SizeGb * (1L << 30);
}
