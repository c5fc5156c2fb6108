using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Policies;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Policies;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Policies;

namespace VolumeBackup.Server.Api.Policies;

/// <summary>
/// The HP surface's backup policies at <c>/v1.1/{tenant_id}/hp-volume-backup-policies</c>, a thin adapter over
/// <see cref="PolicyService"/>. Create answers 200 with the policy (as backup create does), delete 202.
/// </summary>
internal static class PoliciesEndpoints
{
    public const string Path = "/hp-volume-backup-policies";

    public static void MapPolicies(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup(Path);
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.PolicyGetAll);
        group.MapRead("/{policy_id}", ShowAsync).RequirePolicy(AccessPolicies.PolicyGet);
        group.MapPost("", CreateAsync).RequirePolicy(AccessPolicies.PolicyCreate).DescribesBody<PolicyRequestEnvelope>();
        group.MapPut("/{policy_id}", UpdateAsync).RequirePolicy(AccessPolicies.PolicyUpdate).DescribesBody<PolicyRequestEnvelope>();
        group.MapDelete("/{policy_id}", DeleteAsync).RequirePolicy(AccessPolicies.PolicyDelete);
    }

    private static async Task<Ok<BackupPoliciesEnvelope>> ListAsync(
        [FromQuery(Name = "volume_id")] string? volumeId, TenantContext tenant, PolicyService service, CancellationToken ct)
    {
        long? volume = null;
        if (volumeId is not null)
        {
            volume = RouteIds.TryParse(volumeId, out var id)
                ? id
                : throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField("volume_id", "must be a volume id")));
        }

        var policies = await service.ListAsync(tenant.TenantId, volume, ct);
        return TypedResults.Ok(new BackupPoliciesEnvelope([.. policies.Select(View)]));
    }

    private static async Task<Ok<BackupPolicyEnvelope>> ShowAsync(
        [FromRoute(Name = "policy_id")] string policyId, TenantContext tenant, PolicyService service, CancellationToken ct) =>
        TypedResults.Ok(new BackupPolicyEnvelope(View(await service.GetAsync(tenant.TenantId, Id(policyId), policyId, ct))));

    private static async Task<Ok<BackupPolicyEnvelope>> CreateAsync(
        HttpRequest request, TenantContext tenant, PolicyService service, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "policy", ct);
        var changes = PolicyRequestParser.Parse(body) with { VolumeId = PolicyRequestParser.VolumeId(body) };
        var policy = await service.CreateAsync(tenant.TenantId, tenant.Caller.User, changes, ct);
        return TypedResults.Ok(new BackupPolicyEnvelope(View(policy)));
    }

    private static async Task<Ok<BackupPolicyEnvelope>> UpdateAsync(
        [FromRoute(Name = "policy_id")] string policyId, HttpRequest request, TenantContext tenant, PolicyService service,
        CancellationToken ct)
    {
        // The body is checked first: a malformed request changes nothing, whatever the id.
        var body = await JsonBody.ReadObjectAsync(request, "policy", ct);
        var changes = PolicyRequestParser.Parse(body) with { VolumeId = PolicyRequestParser.VolumeId(body) };
        var policy = await service.UpdateAsync(tenant.TenantId, Id(policyId), policyId, changes, ct);
        return TypedResults.Ok(new BackupPolicyEnvelope(View(policy)));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "policy_id")] string policyId, TenantContext tenant, PolicyService service, CancellationToken ct)
    {
        await service.DeleteAsync(tenant.TenantId, Id(policyId), policyId, ct);
        return TypedResults.Accepted((string?)null);
    }

    // A malformed id names no policy: the same 404 as a missing one (0 matches no row).
    private static long Id(string policyId) => RouteIds.TryParse(policyId, out var id) ? id : 0;

    private static BackupPolicyView View(BackupPolicy policy) => PolicyViews.ToView(
        policy, RouteIds.Format(policy.Id), RouteIds.Format(policy.VolumeId),
        policy.LastBackupId is { } backupId ? RouteIds.Format(backupId) : null);
}
