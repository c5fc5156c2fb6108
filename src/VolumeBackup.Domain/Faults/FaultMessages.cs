using System.Globalization;

namespace VolumeBackup.Domain.Faults;

/// <summary>
/// The exact messages the spec prints (hp-volume-backup-api, section 4.4.1) and the few this service adds for the
/// volumes API and the HTTP layer. Golden tests freeze them: clients match on these strings.
/// </summary>
public static class FaultMessages
{
    public const string ServerError = "Server Error, please try again later.";
    public const string IncorrectBodyFormat = "Incorrect request body format.";
    public const string VolumeToBackUpMustBeAvailable = "Invalid volume: Volume to be backed up must be available";
    public const string BackupStatusMustBeAvailableOrError = "Invalid backup: Backup status must be available or error";
    public const string BackupStatusMustBeAvailable = "Invalid backup: Backup status must be available";
    public const string VolumeToRestoreToMustBeAvailable = "Invalid volume: Volume to be restored to must be available";
    public const string VolumeToRestoreToIsTooSmall =
        "Invalid volume: Volume to be restored to is smaller than the backup to be restored";
    public const string ResourceNotFound = "The resource could not be found.";

    // Added by this service (not in the spec), in the spec's style.
    public const string VolumeStatusMustBeAvailableOrError = "Invalid volume: Volume status must be available or error";
    public const string AuthenticationRequired = "Authentication required: send a valid token in X-Auth-Token.";
    public const string MethodNotAllowed = "The method is not allowed for this resource.";
    public const string XmlNotSupported = "XML is not supported; send and accept application/json.";
    public const string JsonContentTypeRequired = "The request body must be JSON (Content-Type: application/json).";
    // Cinder's own wording, for rules only its surface can reach.
    public const string NoBackupForIncremental = "Invalid backup: No backups available to do an incremental backup.";
    public const string InUseBackupNeedsForce = "Invalid volume: Backing up an in-use volume must use the force flag.";
    public const string SnapshotBackupsUnavailable =
        "Invalid input: snapshot_id: backups of snapshots are not available in this service yet.";
    public const string BackupBeingDeleted = "Invalid backup: Backup is being deleted; its status cannot be reset.";
    public const string BackupAlreadyExists = "Invalid backup: Backup already exists in database.";
    public const string ServiceStorageFull = "The service has no room left to record the request, please try again later.";
    public const string TokenNotProjectScoped =
        "The token is not scoped to a project: log in with a project scope (e.g. --os-project-name) to use this API.";

    public static string VolumeMustBeAvailableToReserve(string status) =>
        $"Invalid volume: Volume status must be available to reserve, but the status is {status}.";

    public static string VolumeMustBeAvailableToAttach(string status) =>
        $"Invalid volume: Volume status must be available or attaching to attach, but the status is {status}.";

    public const string VolumeMustBeInUseToDetach =
        "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.";

    public static string VolumeAttachmentNotFound(string attachmentId) => $"Volume attachment {attachmentId} could not be found.";

    public static string VolumeNotFound(string volumeId) => $"Volume {volumeId} could not be found.";

    public static string BackupNotFound(string backupId) => $"Backup {backupId} could not be found.";

    public static string BackupBeingVerified(string backupId) =>
        $"Invalid backup: Backup {backupId} is being verified; wait for the verification to end or cancel it.";

    public static string VolumeQuotaExceeded(long sizeGb) =>
        string.Create(CultureInfo.InvariantCulture, $"Volume quota exceeded. You cannot create a volume of size {sizeGb}G");

    /// <summary>
    /// A forced backup of an in-use volume whose node cannot snapshot it; <paramref name="reason"/> is one sentence
    /// saying why (e.g. the volume's file system cannot make reflink clones).
    /// </summary>
    public static string InUseBackupNeedsSnapshot(string reason) =>
        $"Invalid volume: Backing up an in-use volume needs a snapshot of it, and none can be taken: {reason} " +
        "Detach the volume to back it up while it is available.";

    /// <summary>Cinder's refusal of a backup of a volume that is neither available nor in-use.</summary>
    public static string VolumeToBackUpMustBeAvailableOrInUse(string status) =>
        $"Invalid volume: Volume to be backed up must be available or in-use, but the current status is \"{status}\".";

    /// <summary>Cinder's refusal to export a backup that is not available.</summary>
    public static string BackupToExportMustBeAvailable(string status) =>
        $"Invalid backup: Backup status must be available and not {status}.";

    /// <summary>Cinder's refusal of an admin status reset to anything but available or error.</summary>
    public static string InvalidBackupResetStatus(string status) =>
        $"Backup status: {status} is invalid, valid statuses are: ['available', 'error'].";

    /// <summary>Keystone mode: Keystone could not say whether the token is valid, <paramref name="reason"/> a sentence.</summary>
    public static string IdentityServiceUnavailable(string reason) =>
        $"The identity service (Keystone) is unavailable: {reason} Please try again later.";

    public static string TenantMismatch(string tenantId) => $"The token is not valid for tenant {tenantId}.";

    public static string BodyTooLarge(long limitBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limitBytes} bytes.");

    public static string InvalidField(string field, string expectation) => $"{IncorrectBodyFormat} '{field}' {expectation}.";

    // Manage existing (adopting a block device or file) and unmanage: every refusal names the path as the admin sent it.
    public const string ManagingDisabled =
        "Manage existing volume failed: this node allows no path to be managed (VolumeBackup:Volumes:ManageablePaths is empty).";

    public static string ManageHostIsNotThisNode(string host, string node) =>
        $"Manage existing volume failed: host '{host}' is not this node; send it to the node '{node}' whose device it is.";

    public static string ManagePathNotAbsolute(string path) =>
        $"Manage existing volume failed: '{path}' is not an absolute path.";

    public static string ManagePathMissing(string path) =>
        $"Manage existing volume failed: '{path}' does not exist on this node.";

    public static string ManagePathNotAllowed(string path, string canonical) =>
        $"Manage existing volume failed: '{path}' ({canonical}) is outside the paths this node allows to be managed.";

    public static string ManagePathWrongKind(string path) =>
        $"Manage existing volume failed: '{path}' is not a block device or regular file.";

    public static string ManagePathAlreadyManaged(string path) =>
        $"Manage existing volume failed: '{path}' is already managed as a volume.";

    public static string ManagePathIsServiceData(string path) =>
        $"Manage existing volume failed: '{path}' is in use by this service (a volume it created, or its own data).";

    public static string ManagePathInUse(string path, string reason) =>
        $"Manage existing volume failed: '{path}' is in use ({reason}).";

    public static string ManagePathEmpty(string path) =>
        $"Manage existing volume failed: '{path}' holds no bytes.";

    public static string VolumeNotManaged(string volumeId) =>
        $"Invalid volume: Volume {volumeId} was created by this service, not adopted; delete it instead of unmanaging it.";

    public static string VolumeToUnmanageMustBeAvailableOrError(string status) =>
        $"Invalid volume: Volume status must be available or error to unmanage, but current status is: {status}.";
}
