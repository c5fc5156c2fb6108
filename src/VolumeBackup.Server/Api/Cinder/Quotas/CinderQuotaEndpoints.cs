using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Cinder.Quotas;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Quotas;

namespace VolumeBackup.Server.Api.Cinder.Quotas;

/// <summary>
/// Reads of a project's limits and quotas, in Cinder's shapes, from the settings the create paths enforce and the
/// usage they count: <c>GET /limits</c> (an admin may name <c>project_id</c> from 3.39), <c>GET
/// /os-quota-sets/{project_id}</c> (<c>?usage=True</c> adds what is in use) and <c>.../defaults</c>.
/// </summary>
internal static class CinderQuotaEndpoints
{
    /// <summary>From this microversion an admin may ask for another project's limits with <c>?project_id=</c>.</summary>
    public const int LimitsOfAnotherProject = 39;

    public static void MapCinderQuotas(this RouteGroupBuilder project)
    {
        project.MapRead("/limits", LimitsAsync).RequirePolicy(AccessPolicies.UsedLimits);
        project.MapRead("/os-quota-sets/{quota_project_id}", ShowAsync).RequirePolicy(AccessPolicies.QuotasShow);
        project.MapRead("/os-quota-sets/{quota_project_id}/defaults", Defaults).RequirePolicy(AccessPolicies.QuotasShow);
    }

    private static async Task<Ok<CinderLimitsEnvelope>> LimitsAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, QuotaService quotas, CancellationToken ct)
    {
        var projectId = tenant.TenantId;
        if (request.Query.TryGetValue("project_id", out var asked) && tenant.IsAdmin && version.AtLeast(LimitsOfAnotherProject))
        {
            projectId = asked.ToString();
        }

        return TypedResults.Ok(CinderQuotaViews.Limits(await quotas.GetAsync(projectId, ct)));
    }

    private static async Task<Results<Ok<CinderQuotaSetEnvelope<long>>, Ok<CinderQuotaSetEnvelope<CinderQuotaUsage>>>> ShowAsync(
        [FromRoute(Name = "quota_project_id")] string projectId, HttpRequest request, TenantContext tenant, QuotaService quotas,
        CancellationToken ct)
    {
        EnsureMayRead(tenant, projectId);
        var report = await quotas.GetAsync(projectId, ct);
        return UsageWanted(request)
            ? TypedResults.Ok(CinderQuotaViews.WithUsage(projectId, report))
            : TypedResults.Ok(CinderQuotaViews.Limits(projectId, report.Limits));
    }

    private static Ok<CinderQuotaSetEnvelope<long>> Defaults(
        [FromRoute(Name = "quota_project_id")] string projectId, TenantContext tenant, QuotaService quotas)
    {
        EnsureMayRead(tenant, projectId);
        return TypedResults.Ok(CinderQuotaViews.Limits(projectId, quotas.Limits)); // no per-project quotas: defaults apply
    }

    /// <summary>A project reads its own quota; an admin reads any project's (Cinder's policy).</summary>
    private static void EnsureMayRead(TenantContext tenant, string projectId)
    {
        if (!tenant.IsAdmin && !string.Equals(projectId, tenant.TenantId, StringComparison.Ordinal))
        {
            throw new FaultException(Fault.Forbidden(FaultMessages.TenantMismatch(projectId)));
        }
    }

    private static bool UsageWanted(HttpRequest request)
    {
        var text = request.Query["usage"].ToString().Trim().ToLowerInvariant();
        return text switch
        {
            "" or "0" or "f" or "false" or "off" or "n" or "no" => false,
            "1" or "t" or "true" or "on" or "y" or "yes" => true,
            _ => throw new FaultException(Fault.BadRequest($"Invalid value '{request.Query["usage"]}' for usage: it must be a boolean (true or false)")),
        };
    }
}
