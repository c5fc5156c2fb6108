using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Policies;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Policies;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Volumes;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Policies;

namespace VolumeBackup.Server.Api.Policies;

/// <summary>
/// The Cinder surface's extension <c>/v3/{project_id}/os-backup-policies</c>: the same bodies and the same
/// <see cref="PolicyService"/> as the HP surface, with UUIDs for the policy, its volume and its last backup. Policies are
/// the project's own, for admins too.
/// </summary>
internal static class CinderPoliciesEndpoints
{
    public static void MapCinderPolicies(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/os-backup-policies");
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.PolicyGetAll);
        group.MapRead("/{policy_id}", ShowAsync).RequirePolicy(AccessPolicies.PolicyGet);
        group.MapPost("", CreateAsync).RequirePolicy(AccessPolicies.PolicyCreate).DescribesBody<PolicyRequestEnvelope>();
        group.MapPut("/{policy_id}", UpdateAsync).RequirePolicy(AccessPolicies.PolicyUpdate).DescribesBody<PolicyRequestEnvelope>();
        group.MapDelete("/{policy_id}", DeleteAsync).RequirePolicy(AccessPolicies.PolicyDelete);
    }

    private static async Task<Ok<BackupPoliciesEnvelope>> ListAsync(
        [FromQuery(Name = "volume_id")] string? volumeId, TenantContext tenant, PolicyService service, VolumeStore volumes,
        BackupStore backups, CancellationToken ct)
    {
        long? volume = volumeId is null ? null : (await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeId, ct)).Id;
        var views = new List<BackupPolicyView>();
        foreach (var policy in await service.ListAsync(tenant.TenantId, volume, ct))
        {
            views.Add(await ViewAsync(policy, volumes, backups, ct));
        }

        return TypedResults.Ok(new BackupPoliciesEnvelope(views));
    }

    private static async Task<Ok<BackupPolicyEnvelope>> ShowAsync(
        [FromRoute(Name = "policy_id")] string policyId, TenantContext tenant, PolicyService service, PolicyStore policies,
        VolumeStore volumes, BackupStore backups, CancellationToken ct)
    {
        var policy = await FindAsync(policyId, tenant, policies, ct);
        return TypedResults.Ok(new BackupPolicyEnvelope(await ViewAsync(policy, volumes, backups, ct)));
    }

    private static async Task<Ok<BackupPolicyEnvelope>> CreateAsync(
        HttpRequest request, TenantContext tenant, PolicyService service, VolumeStore volumes, BackupStore backups, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "policy", ct);
        var changes = PolicyRequestParser.Parse(body);
        var volumeUuid = PolicyRequestParser.VolumeUuid(body)
            ?? throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField("volume_id", "is required")));
        var volume = await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeUuid, ct);
        var policy = await service.CreateAsync(tenant.TenantId, tenant.Caller.User, changes with { VolumeId = volume.Id }, ct);
        return TypedResults.Ok(new BackupPolicyEnvelope(await ViewAsync(policy, volumes, backups, ct)));
    }

    private static async Task<Ok<BackupPolicyEnvelope>> UpdateAsync(
        [FromRoute(Name = "policy_id")] string policyId, HttpRequest request, TenantContext tenant, PolicyService service,
        PolicyStore policies, VolumeStore volumes, BackupStore backups, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "policy", ct);
        var changes = PolicyRequestParser.Parse(body);
        var policy = await FindAsync(policyId, tenant, policies, ct);
        if (PolicyRequestParser.VolumeUuid(body) is { } volumeUuid)
        {
            changes = changes with { VolumeId = (await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeUuid, ct)).Id };
        }

        var updated = await service.UpdateAsync(tenant.TenantId, policy.Id, policyId, changes, ct);
        return TypedResults.Ok(new BackupPolicyEnvelope(await ViewAsync(updated, volumes, backups, ct)));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "policy_id")] string policyId, TenantContext tenant, PolicyService service, PolicyStore policies,
        CancellationToken ct)
    {
        var policy = await FindAsync(policyId, tenant, policies, ct);
        await service.DeleteAsync(tenant.TenantId, policy.Id, policyId, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<BackupPolicy> FindAsync(string policyId, TenantContext tenant, PolicyStore policies, CancellationToken ct) =>
        (Guid.TryParseExact(policyId, "D", out var uuid) ? await policies.FindByUuidAsync(tenant.TenantId, uuid, ct) : null)
        ?? throw PolicyFaults.NotFound(policyId);

    private static async Task<BackupPolicyView> ViewAsync(BackupPolicy policy, VolumeStore volumes, BackupStore backups, CancellationToken ct)
    {
        var volume = await volumes.FindByIdAsync(policy.VolumeId, ct);
        var last = policy.LastBackupId is { } id ? await backups.FindByIdAsync(id, ct) : null;
        return PolicyViews.ToView(policy, Uuid(policy.Uuid), volume is null ? string.Empty : Uuid(volume.Uuid), last is null ? null : Uuid(last.Uuid));
    }

    private static string Uuid(Guid uuid) => uuid.ToString("D");
}
