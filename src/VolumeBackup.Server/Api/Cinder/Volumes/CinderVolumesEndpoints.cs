using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Cinder.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Cinder's volumes resource, <c>/v3/{project_id}/volumes</c>: list, detail, show, create, update, delete. Requests
/// are parsed here; every rule runs in <see cref="VolumeService"/> and the domain, as for the HP surface.
/// </summary>
internal static class CinderVolumesEndpoints
{
    public const int VolumesSummary = 12;
    public const int VolumesSummaryMetadata = 36;

    public static void MapCinderVolumes(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/volumes");
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.VolumeGetAll);
        group.MapRead("/detail", DetailAsync).RequirePolicy(AccessPolicies.VolumeGetAll);
        group.MapRead("/summary", SummaryAsync).RequirePolicy(AccessPolicies.VolumeGetAll); // Cinder checks get_all for it
        group.MapRead("/{volume_id}", ShowAsync).RequirePolicy(AccessPolicies.VolumeGet);
        group.MapPost("", CinderVolumeCreate.CreateAsync).RequirePolicy(AccessPolicies.VolumeCreate)
            .DescribesBody<CinderCreateVolumeRequest>("volume");
        group.MapPut("/{volume_id}", UpdateAsync).RequirePolicy(AccessPolicies.VolumeUpdate)
            .DescribesBody<CinderUpdateVolumeRequest>("volume");
        group.MapDelete("/{volume_id}", DeleteAsync).RequirePolicy(AccessPolicies.VolumeDelete);
        group.MapPost("/{volume_id}/action", CinderVolumeActions.PostAsync).RequireActionPolicies(CinderVolumeActions.Policies)
            .DescribesActions(CinderVolumeActions.Bodies);
    }

    private static async Task<Ok<CinderVolumesEnvelope<CinderVolumeSummary>>> ListAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        var (page, query) = await PageAsync(request, version, tenant, volumes, ct);
        var links = new CinderLinks(request);
        return TypedResults.Ok(new CinderVolumesEnvelope<CinderVolumeSummary>([.. page.Items.Select(v => CinderVolumeViews.Summary(v, links))])
        {
            Links = page.IsFull ? links.Next(CinderVolumeViews.Id(page.Items[^1])) : null,
            Count = query.WithCount ? page.Total : null,
        });
    }

    private static async Task<Ok<CinderVolumesEnvelope<CinderVolume>>> DetailAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        var (page, query) = await PageAsync(request, version, tenant, volumes, ct);
        var links = new CinderLinks(request);
        return TypedResults.Ok(new CinderVolumesEnvelope<CinderVolume>(
            [.. page.Items.Select(v => CinderVolumeViews.Detail(v, version, tenant.IsAdmin, links))])
        {
            Links = page.IsFull ? links.Next(CinderVolumeViews.Id(page.Items[^1])) : null,
            Count = query.WithCount ? page.Total : null,
        });
    }

    /// <summary>3.12; metadata from 3.36. Before 3.12 "summary" is read as a volume id, which names no volume.</summary>
    private static async Task<Ok<CinderVolumesSummaryEnvelope>> SummaryAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        if (!version.AtLeast(VolumesSummary))
        {
            throw CinderVolumeLookup.NotFound("summary");
        }

        var query = ParseQuery(request, version, tenant);
        var inScope = query.AllTenants ? await volumes.ListAllAsync(ct) : await volumes.ListAsync(tenant.TenantId, ct);
        var all = CinderVolumePage.From(inScope, query with { Limit = int.MaxValue, Marker = null, Offset = 0 }).Items;
        return TypedResults.Ok(new CinderVolumesSummaryEnvelope(new CinderVolumesSummary(all.Sum(v => (long)v.SizeGb), all.Count)
        {
            Metadata = version.AtLeast(VolumesSummaryMetadata)
                ? all.SelectMany(v => v.Metadata)
                    .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal)
                : null,
        }));
    }

    private static async Task<Ok<CinderVolumeEnvelope>> ShowAsync(
        [FromRoute(Name = "volume_id")] string volumeId, HttpRequest request, CinderApiVersion version, TenantContext tenant,
        VolumeStore volumes, CancellationToken ct)
    {
        var volume = await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeId, ct);
        return TypedResults.Ok(new CinderVolumeEnvelope(CinderVolumeViews.Detail(volume, version, tenant.IsAdmin, new CinderLinks(request))));
    }

    private static async Task<Ok<CinderVolumeEnvelope>> UpdateAsync(
        [FromRoute(Name = "volume_id")] string volumeId, HttpRequest request, CinderApiVersion version, TenantContext tenant,
        VolumeStore volumes, VolumeService service, CancellationToken ct)
    {
        var volume = await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeId, ct);
        var changes = UpdateCinderVolumeParser.Parse(await JsonBody.ReadObjectAsync(request, "volume", ct));
        var updated = await service.UpdateAsync(tenant.TenantId, volume.Id, changes, ct);
        return TypedResults.Ok(new CinderVolumeEnvelope(CinderVolumeViews.Detail(updated, version, tenant.IsAdmin, new CinderLinks(request))));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "volume_id")] string volumeId, TenantContext tenant, VolumeStore volumes, VolumeService service,
        CancellationToken ct)
    {
        var volume = await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeId, ct);
        await service.DeleteAsync(tenant.TenantId, volume.Id, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static CinderVolumeQuery ParseQuery(HttpRequest request, CinderApiVersion version, TenantContext tenant) =>
        CinderVolumeQuery.Parse(
            request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? string.Empty))),
            version, tenant.IsAdmin);

    private static async Task<(CinderVolumePage Page, CinderVolumeQuery Query)> PageAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        var query = ParseQuery(request, version, tenant);
        var inScope = query.AllTenants ? await volumes.ListAllAsync(ct) : await volumes.ListAsync(tenant.TenantId, ct);
        return (CinderVolumePage.From(inScope, query), query);
    }
}
