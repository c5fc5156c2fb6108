using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>
/// <c>POST /backups/{id}/action</c>: the admin actions <c>os-force_delete</c> and <c>os-reset_status</c> (202, no body);
/// 403 for anyone else, as Cinder's policies say (<see cref="Policies"/>, checked before the body is read further); and
/// this service's <c>os-verify</c> (a member's; 202, no body), which queues a verification as the HP route does, and
/// <c>os-cancel</c> for members (202, no body: docs/cinder-api.md).
/// </summary>
internal static class CinderBackupActions
{
    public const string ForceDelete = "os-force_delete";
    public const string ResetStatus = "os-reset_status";
    public const string Verify = "os-verify";
    public const string Cancel = "os-cancel";

    /// <summary>The route's actions and their policies (endpoint metadata).</summary>
    public static readonly (string Action, string Policy)[] Policies =
    [
        (ForceDelete, AccessPolicies.BackupForceDelete),
        (ResetStatus, AccessPolicies.BackupResetStatus),
        (Verify, AccessPolicies.BackupVerify),
        (Cancel, AccessPolicies.BackupCancel),
    ];

    /// <summary>The route's bodies, one per action, for the OpenAPI document (endpoint metadata).</summary>
    public static readonly JsonBodyShape[] Bodies =
    [
        JsonBodyShape.NoArguments(ForceDelete),
        new(ResetStatus, typeof(CinderResetStatusRequest)),
        JsonBodyShape.NoArguments(Verify),
        JsonBodyShape.NoArguments(Cancel),
    ];

    public static async Task<Accepted> ActAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, TenantContext tenant, BackupStore backups,
        BackupService service, VerifyService verify, BackupCancelService cancels, CancellationToken ct)
    {
        var body = await CinderBodies.ReadRootAsync(request, ct);
        var actions = body.EnumerateObject().ToList();
        if (actions.Count != 1 || actions[0].Name is not (ForceDelete or ResetStatus or Verify or Cancel))
        {
            var name = actions.Count == 0 ? string.Empty : actions[0].Name;
            throw new FaultException(Fault.BadRequest($"There is no such action: {name}"));
        }

        var action = actions[0];
        PolicyEnforcement.DemandAction(request.HttpContext, tenant, action.Name);
        string? status = action.Name == ResetStatus ? CinderBackupRequests.ParseResetStatus(action.Value) : null;
        if (status is null && action.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw CinderBackupRequests.Invalid(action.Name, "must be an object");
        }

        var backup = await CinderBackupsEndpoints.FindAsync(backupId, tenant, backups, ct);
        if (action.Name == Verify)
        {
            await verify.VerifyAsync(backup.TenantId, backup.Id, backupId, ct);
        }
        else if (action.Name == Cancel)
        {
            await cancels.CancelAsync(backup.TenantId, backup.Id, backupId, ct);
        }
        else if (status is null)
        {
            await service.ForceDeleteAsync(backup.TenantId, backup.Id, backupId, ct);
        }
        else
        {
            await service.ResetStatusAsync(backup.TenantId, backup.Id, backupId, status, ct);
        }

        return TypedResults.Accepted((string?)null);
    }
}
