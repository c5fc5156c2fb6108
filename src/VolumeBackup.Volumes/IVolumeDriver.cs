namespace VolumeBackup.Volumes;

/// <summary>
/// Keeps the bytes of the volumes that live on this host. Volume ids are the service's ids (decimal strings).
/// Every method is safe to call again after a crash half-way through.
/// </summary>
public interface IVolumeDriver
{
    /// <summary>The host this driver serves; volumes record it so that jobs on them are routed here.</summary>
    string Host { get; }

    /// <summary>Creates a zero-filled volume of exactly <paramref name="sizeBytes"/>. Idempotent for the same size.</summary>
    Task CreateAsync(string volumeId, long sizeBytes, CancellationToken ct);

    /// <summary>Removes the volume and its bytes. Idempotent: deleting a missing volume succeeds.</summary>
    Task DeleteAsync(string volumeId, CancellationToken ct);

    /// <summary>Whether the volume's storage exists on this host.</summary>
    bool Exists(string volumeId);

    /// <summary>The local path of the file of a volume the service created, for operators and tests.</summary>
    string GetDevicePath(string volumeId);

    /// <summary>The local path of any volume's device or file: an adopted volume's own path, else its file here.</summary>
    string PathOf(VolumeLocation volume);

    /// <summary>Opens the volume for positional I/O. Missing -> <see cref="FileNotFoundException"/>.</summary>
    VolumeHandle Open(VolumeLocation volume, VolumeAccess access);
}
