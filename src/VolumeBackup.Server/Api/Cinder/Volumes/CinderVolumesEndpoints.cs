using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Cinder.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Cinder's volumes resource, <c>/v3/{project_id}/volumes</c>: list, detail, show, create, update, delete. Requests
/// are parsed here; every rule runs in <see cref="VolumeService"/> and the domain, as for the HP surface.
/// </summary>
internal static class CinderVolumesEndpoints
{
    public static void MapCinderVolumes(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/volumes");
        group.MapRead("", ListAsync);
        group.MapRead("/detail", DetailAsync);
        group.MapRead("/{volume_id}", ShowAsync);
        group.MapPost("", CinderVolumeCreate.CreateAsync);
        group.MapPut("/{volume_id}", UpdateAsync);
        group.MapDelete("/{volume_id}", DeleteAsync);
        group.MapPost("/{volume_id}/action", CinderVolumeActions.PostAsync);
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

    private static async Task<(CinderVolumePage Page, CinderVolumeQuery Query)> PageAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        var query = CinderVolumeQuery.Parse(
            request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? string.Empty))),
            version, tenant.IsAdmin);
        var inScope = query.AllTenants ? await volumes.ListAllAsync(ct) : await volumes.ListAsync(tenant.TenantId, ct);
        return (CinderVolumePage.From(inScope, query), query);
    }
}
