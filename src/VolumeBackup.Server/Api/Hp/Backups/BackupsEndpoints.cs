using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Hp.Backups;

/// <summary>
/// The spec's six operations at <c>/v1.1/{tenant_id}/hp-volume-backups</c>, and this service's cancel and (admin)
/// disaster recovery (docs/backups-api.md).
/// </summary>
internal static class BackupsEndpoints
{
    public const string Path = "/hp-volume-backups";

    public static void MapBackups(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup(Path);
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.BackupGetAll);
        group.MapRead("/detail", DetailAsync).RequirePolicy(AccessPolicies.BackupGetAll);
        group.MapRead("/{backup_id}", ShowAsync).RequirePolicy(AccessPolicies.BackupGet);
        group.MapPost("", CreateAsync).RequirePolicy(AccessPolicies.BackupCreate).DescribesBody<CreateBackupRequest>("backup");
        group.MapDelete("/{backup_id}", DeleteAsync).RequirePolicy(AccessPolicies.BackupDelete);
        group.MapPost("/{backup_id}/restore", RestoreAsync).RequirePolicy(AccessPolicies.BackupRestore)
            .DescribesBody<RestoreRequest>("restore");
        group.MapPost("/{backup_id}/cancel", CancelAsync).RequirePolicy(AccessPolicies.BackupCancel);
        group.MapPost("/recover", RecoverAsync).RequirePolicy(AccessPolicies.BackupRecover).DescribesBody<RecoverRequest>();
    }

    private static async Task<Accepted<CancelEnvelope>> CancelAsync(
        [FromRoute(Name = "backup_id")] string backupId, TenantContext tenant, BackupCancelService cancels, CancellationToken ct)
    {
        // No body is needed; one sent (such as {"cancel": {}}) is not read.
        if (!RouteIds.TryParse(backupId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId)));
        }

        var operation = await cancels.CancelAsync(tenant.TenantId, id, backupId, ct);
        return TypedResults.Accepted((string?)null, new CancelEnvelope(new CancelResult(RouteIds.Format(id), operation)));
    }

    private static async Task<Ok<RecoverEnvelope>> RecoverAsync(
        HttpRequest request, TenantContext tenant, BackupRecords records, CancellationToken ct)
    {
        var container = RecoverRequestParser.ParseContainer(await JsonBody.ReadObjectAsync(request, "recover", ct));
        var result = await records.RecoverAsync(tenant.TenantId, tenant.Caller.User, container, ct);
        return TypedResults.Ok(new RecoverEnvelope(new RecoverResult(
            container,
            [.. result.Imported.Select(b => new RecoveredBackup(RouteIds.Format(b.Id), b.DisplayName))],
            [.. result.AlreadyPresent.Select(b => RouteIds.Format(b.Id))],
            result.Unreadable)));
    }

    private static Task<Ok<BackupsEnvelope<BackupSummary>>> ListAsync(
        HttpRequest request, TenantContext tenant, BackupLifecycle lifecycle, IOptions<BackupOptions> options, CancellationToken ct) =>
        PageAsync(request, tenant, lifecycle, options.Value, lifecycle.ListStatusPageAsync, b => b.Id, BackupViews.ToSummary, ct);

    private static Task<Ok<BackupsEnvelope<BackupDetail>>> DetailAsync(
        HttpRequest request, TenantContext tenant, BackupLifecycle lifecycle, IOptions<BackupOptions> options, CancellationToken ct) =>
        PageAsync(request, tenant, lifecycle, options.Value, lifecycle.ListDetailPageAsync, b => b.Id, BackupViews.ToDetail, ct);

    private static async Task<Ok<BackupEnvelope>> ShowAsync(
        [FromRoute(Name = "backup_id")] string backupId, TenantContext tenant, BackupStore backups, CancellationToken ct)
    {
        var backup = RouteIds.TryParse(backupId, out var id) ? await backups.FindAsync(tenant.TenantId, id, ct) : null;
        return backup is null
            ? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId)))
            : TypedResults.Ok(new BackupEnvelope(BackupViews.ToDetail(backup)));
    }

    private static async Task<Ok<CreatedBackupEnvelope>> CreateAsync(
        HttpRequest request, TenantContext tenant, BackupService service, IOptions<BackupOptions> options, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "backup", ct);
        var parsed = BackupRequestParser.ParseCreate(body, options.Value.DefaultContainer);
        var backup = await service.CreateAsync(tenant.TenantId, tenant.Caller.User, parsed, ct);
        return TypedResults.Ok(new CreatedBackupEnvelope(BackupViews.ToCreated(backup)));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "backup_id")] string backupId, TenantContext tenant, BackupService service, CancellationToken ct)
    {
        if (!RouteIds.TryParse(backupId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound));
        }

        await service.DeleteAsync(tenant.TenantId, id, ct);
        return TypedResults.Accepted((string?)null); // no Location, as the spec shows it
    }

    private static async Task<Ok<RestoreEnvelope>> RestoreAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, TenantContext tenant, BackupService service,
        CancellationToken ct)
    {
        // The body is checked first: a malformed request changes nothing, whatever the id.
        var body = await JsonBody.ReadObjectAsync(request, "restore", ct);
        var volumeId = BackupRequestParser.ParseRestore(body);
        if (!RouteIds.TryParse(backupId, out var id))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId)));
        }

        var target = await service.RestoreAsync(tenant.TenantId, id, volumeId, ct);
        return TypedResults.Ok(new RestoreEnvelope(new RestoreResult(RouteIds.Format(id), RouteIds.Format(target.Id))));
    }

    private static async Task<Ok<BackupsEnvelope<TView>>> PageAsync<TRow, TView>(
        HttpRequest request, TenantContext tenant, BackupLifecycle lifecycle, BackupOptions options,
        Func<string?, long?, int, CancellationToken, Task<List<TRow>>> readPage, Func<TRow, long> idOf, Func<TRow, TView> view,
        CancellationToken ct)
    {
        var query = ListParameters.Parse(request.Query, options.MaxPageSize, tenant.IsAdmin);
        var scope = query.AllTenants ? null : tenant.TenantId;
        if (query.Marker is { } marker && !await lifecycle.ExistsAsync(scope, marker, ct))
        {
            // As Nova: a marker must name a backup the caller can list, else paging would silently start anywhere.
            throw new FaultException(Fault.BadRequest(ListParameters.InvalidMarker));
        }

        var page = await readPage(scope, query.Marker, query.Limit, ct);
        // A full page may have a successor: Nova's next link, beside the spec's list.
        IReadOnlyList<PageLink>? links = page.Count == query.Limit
            ? [new PageLink("next", NextHref(request, query, idOf(page[^1])))]
            : null;
        return TypedResults.Ok(new BackupsEnvelope<TView>([.. page.Select(view)], links));
    }

    // Absolute, as Nova writes it: clients such as cinderclient request the href exactly as given.
    private static string NextHref(HttpRequest request, ListParameters query, long lastId)
    {
        var path = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);
        var next = $"{path}?limit={query.Limit}&marker={RouteIds.Format(lastId)}";
        return query.AllTenants ? next + "&all_tenants=1" : next;
    }
}
