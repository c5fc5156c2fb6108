using System.Collections.Frozen;
using VolumeBackup.Domain.Tenancy;

namespace VolumeBackup.Server.Identity.Policies;

/// <summary>
/// The one policy table: every route of both API surfaces declares one of these names (HP and Cinder routes that do the
/// same thing share a name, as both are adapters over one domain), and each name needs one level, as Cinder's default
/// policies say. A name that is not in the table is allowed to nobody. Documented in docs/identity.md, Policies.
/// </summary>
internal static class AccessPolicies
{
    /// <summary>Cinder's <c>context_is_admin</c>: sees and acts on every project (all_tenants, admin-only fields).</summary>
    public const string ContextIsAdmin = "context_is_admin";

    public const string VolumeGetAll = "volume:get_all";
    public const string VolumeGet = "volume:get";
    public const string VolumeCreate = "volume:create";
    public const string VolumeUpdate = "volume:update";
    public const string VolumeDelete = "volume:delete";

    public const string VolumeReserve = "volume_extension:volume_actions:reserve";
    public const string VolumeUnreserve = "volume_extension:volume_actions:unreserve";
    public const string VolumeAttach = "volume_extension:volume_actions:attach";
    public const string VolumeBeginDetaching = "volume_extension:volume_actions:begin_detaching";
    public const string VolumeRollDetaching = "volume_extension:volume_actions:roll_detaching";
    public const string VolumeDetach = "volume_extension:volume_actions:detach";

    /// <summary>Adopting a block device or file of a node as a volume ("manage existing"), and releasing it.</summary>
    public const string VolumeManage = "volume_extension:volume_manage";
    public const string VolumeUnmanage = "volume_extension:volume_unmanage";
    /// <summary>The HP surface's admin attach and detach (it has no attach flow of its own: an operator records one).</summary>
    public const string VolumeAdminAttach = "volume_extension:volume_admin_actions:attach";
    public const string VolumeAdminDetach = "volume_extension:volume_admin_actions:detach";

    public const string BackupGetAll = "backup:get_all";
    public const string BackupGet = "backup:get";
    public const string BackupCreate = "backup:create";
    public const string BackupUpdate = "backup:update";
    public const string BackupDelete = "backup:delete";
    public const string BackupRestore = "backup:restore";

    /// <summary>Cinder's name for exporting a backup's record (import has its own).</summary>
    public const string BackupExport = "backup:export-import";
    public const string BackupImport = "backup:backup-import";
    public const string BackupForceDelete = "volume_extension:backup_admin_actions:force_delete";
    public const string BackupResetStatus = "volume_extension:backup_admin_actions:reset_status";

    /// <summary>Reading a backup's every object and checking every block, without writing a volume.</summary>
    public const string BackupVerify = "backup:verify";

    /// <summary>Stopping a backup's queued or running job (create, restore or verify).</summary>
    public const string BackupCancel = "backup:cancel";

    /// <summary>Rebuilding backup records from a container's root manifests (disaster recovery).</summary>
    public const string BackupRecover = "backup:recover";

    /// <summary>Schedules with retention (backup policies).</summary>
    public const string PolicyGetAll = "backup_policy:get_all";
    public const string PolicyGet = "backup_policy:get";
    public const string PolicyCreate = "backup_policy:create";
    public const string PolicyUpdate = "backup_policy:update";
    public const string PolicyDelete = "backup_policy:delete";

    /// <summary>The admin views of the deployment's nodes (HP <c>os-hosts</c>, Cinder <c>os-services</c>) and retiring a node.</summary>
    public const string HostsGet = "volume_extension:hosts";
    public const string ServicesIndex = "volume_extension:services:index";
    public const string ServicesUpdate = "volume_extension:services:update";

    public const string QuotasShow = "volume_extension:quotas:show";
    public const string UsedLimits = "limits_extension:used_limits";

    public static FrozenDictionary<string, AccessLevel> Table { get; } = new Dictionary<string, AccessLevel>(StringComparer.Ordinal)
    {
        [ContextIsAdmin] = AccessLevel.Admin,

        [VolumeGetAll] = AccessLevel.Reader,
        [VolumeGet] = AccessLevel.Reader,
        [VolumeCreate] = AccessLevel.Member,
        [VolumeUpdate] = AccessLevel.Member,
        [VolumeDelete] = AccessLevel.Member,

        [VolumeReserve] = AccessLevel.Member,
        [VolumeUnreserve] = AccessLevel.Member,
        [VolumeAttach] = AccessLevel.Member,
        [VolumeBeginDetaching] = AccessLevel.Member,
        [VolumeRollDetaching] = AccessLevel.Member,
        [VolumeDetach] = AccessLevel.Member,
        [VolumeAdminAttach] = AccessLevel.Admin,
        [VolumeAdminDetach] = AccessLevel.Admin,

        [VolumeManage] = AccessLevel.Admin,
        [VolumeUnmanage] = AccessLevel.Admin,

        [BackupGetAll] = AccessLevel.Reader,
        [BackupGet] = AccessLevel.Reader,
        [BackupCreate] = AccessLevel.Member,
        [BackupUpdate] = AccessLevel.Member,
        [BackupDelete] = AccessLevel.Member,
        [BackupRestore] = AccessLevel.Member,

        [BackupExport] = AccessLevel.Admin,
        [BackupImport] = AccessLevel.Admin,
        [BackupForceDelete] = AccessLevel.Admin,
        [BackupResetStatus] = AccessLevel.Admin,

        [BackupVerify] = AccessLevel.Member,
        [BackupCancel] = AccessLevel.Member,
        [BackupRecover] = AccessLevel.Admin,

        [PolicyGetAll] = AccessLevel.Reader,
        [PolicyGet] = AccessLevel.Reader,
        [PolicyCreate] = AccessLevel.Member,
        [PolicyUpdate] = AccessLevel.Member,
        [PolicyDelete] = AccessLevel.Member,

        [HostsGet] = AccessLevel.Admin,
        [ServicesIndex] = AccessLevel.Admin,
        [ServicesUpdate] = AccessLevel.Admin,

        [QuotasShow] = AccessLevel.Reader,
        [UsedLimits] = AccessLevel.Reader,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>True when the caller's roles reach the level <paramref name="policy"/> needs; false for an unknown policy.</summary>
    public static bool Allows(TenantIdentity caller, string policy) =>
        Table.TryGetValue(policy, out var needed) && AccessLevels.Of(caller) >= needed;

    /// <summary>Cinder's wording for a denied policy.</summary>
    public static string DeniedMessage(string policy) => $"Policy doesn't allow {policy} to be performed.";
}
