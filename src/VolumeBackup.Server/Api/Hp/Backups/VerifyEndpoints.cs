using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Hp.Backups;

/// <summary>
/// <c>POST /v1.1/{tenant_id}/hp-volume-backups/{backup_id}/verify</c> (an extension of the spec): queues a verification
/// of an available backup and answers 202 <c>{"verify": {"backup_id": "12"}}</c>. The body is empty or <c>{"verify": {}}</c>.
/// </summary>
internal static class VerifyEndpoints
{
    public static void MapBackupVerify(this RouteGroupBuilder tenant) =>
        tenant.MapPost(BackupsEndpoints.Path + "/{backup_id}/verify", VerifyAsync).RequirePolicy(AccessPolicies.BackupVerify)
            .DescribesBody<VerifyRequest>("verify", required: false, nullAllowed: true);

    private static async Task<Accepted<VerifyEnvelope>> VerifyAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, TenantContext tenant, VerifyService service,
        CancellationToken ct)
    {
        // The body is checked first: a malformed request changes nothing, whatever the id.
        if (request.ContentLength is not 0)
        {
            var body = await JsonBody.ReadRootAsync(request, ct);
            var members = body.EnumerateObject().ToList();
            if (members.Count > 1 || (members.Count == 1
                && (members[0].Name != "verify" || members[0].Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))))
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
            }
        }

        if (!RouteIds.TryParse(backupId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId)));
        }

        await service.VerifyAsync(tenant.TenantId, id, backupId, ct);
        return TypedResults.Accepted((string?)null, new VerifyEnvelope(new VerifyAccepted(RouteIds.Format(id))));
    }
}
