namespace VolumeBackup.Domain.Volumes;

/// <summary>
/// Where an <c>in-use</c> volume is attached: to a server (instance) or a host, at a device path, read-write or
/// read-only. A volume has at most one.
/// </summary>
public sealed record VolumeAttachment(Guid Id, string? ServerId, string? HostName, string? Device, string Mode, DateTimeOffset AttachedAt)
{
    public const string ReadWrite = "rw";
    public const string ReadOnly = "ro";
}
