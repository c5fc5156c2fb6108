using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>
/// Cinder's backups resource, <c>/v3/{project_id}/backups</c>: parses requests, maps UUIDs to rows, calls the same
/// operations as the HP surface (<see cref="BackupService"/>, <see cref="BackupRecords"/>) and renders Cinder's views.
/// Admins see and act on any project's backup by id, as in Cinder.
/// </summary>
internal static class CinderBackupsEndpoints
{
    public static void MapCinderBackups(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/backups");
        group.MapRead("", ListAsync).RequirePolicy(AccessPolicies.BackupGetAll);
        group.MapRead("/detail", DetailAsync).RequirePolicy(AccessPolicies.BackupGetAll);
        group.MapRead("/{backup_id}", ShowAsync).RequirePolicy(AccessPolicies.BackupGet);
        group.MapPost("", CreateAsync).RequirePolicy(AccessPolicies.BackupCreate).DescribesBody<CinderCreateBackupRequest>("backup");
        group.MapPut("/{backup_id}", UpdateAsync).RequirePolicy(AccessPolicies.BackupUpdate)
            .DescribesBody<CinderUpdateBackupRequest>("backup");
        group.MapDelete("/{backup_id}", DeleteAsync).RequirePolicy(AccessPolicies.BackupDelete);
        group.MapPost("/{backup_id}/action", CinderBackupActions.ActAsync).RequireActionPolicies(CinderBackupActions.Policies)
            .DescribesActions(CinderBackupActions.Bodies);
        group.MapPost("/{backup_id}/restore", RestoreAsync).RequirePolicy(AccessPolicies.BackupRestore)
            .DescribesBody<CinderRestoreRequest>("restore", nullAllowed: true);
        group.MapRead("/{backup_id}/export_record", CinderBackupRecordEndpoints.ExportAsync).RequirePolicy(AccessPolicies.BackupExport);
        group.MapPost("/import_record", CinderBackupRecordEndpoints.ImportAsync).RequirePolicy(AccessPolicies.BackupImport)
            .DescribesBody<CinderBackupRecordEnvelope>();
        group.MapPost("/recover", CinderBackupRecordEndpoints.RecoverAsync).RequirePolicy(AccessPolicies.BackupRecover)
            .DescribesBody<RecoverRequest>();
    }

    private static async Task<Ok<CinderBackupsEnvelope<CinderBackupSummary>>> ListAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, BackupQueries queries, VolumeStore volumes,
        IOptions<BackupOptions> backupOptions, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var views = Views(request, version, tenant, options);
        return TypedResults.Ok(await CinderBackupPages.PageAsync(
            request, version, tenant, queries, volumes, backupOptions.Value, (b, _) => views.ToSummary(b), ct));
    }

    private static async Task<Ok<CinderBackupsEnvelope<CinderBackupDetail>>> DetailAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, BackupQueries queries, VolumeStore volumes,
        IOptions<BackupOptions> backupOptions, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var views = Views(request, version, tenant, options);
        return TypedResults.Ok(await CinderBackupPages.PageAsync(
            request, version, tenant, queries, volumes, backupOptions.Value, views.ToDetail, ct));
    }

    private static async Task<Ok<CinderBackupEnvelope<CinderBackupDetail>>> ShowAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, CinderApiVersion version, TenantContext tenant,
        BackupStore backups, BackupQueries queries, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var backup = await FindAsync(backupId, tenant, backups, ct);
        var volumeUuids = await queries.VolumeUuidsAsync([backup.VolumeId], ct);
        return TypedResults.Ok(new CinderBackupEnvelope<CinderBackupDetail>(
            Views(request, version, tenant, options).ToDetail(backup, volumeUuids.GetValueOrDefault(backup.VolumeId))));
    }

    private static async Task<Accepted<CinderBackupEnvelope<CinderBackupSummary>>> CreateAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, BackupService service, VolumeStore volumes,
        IOptions<BackupOptions> backupOptions, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "backup", ct);
        var parsed = CinderBackupRequests.ParseCreate(body, version);
        var volume = await FindVolumeAsync(parsed.VolumeId, tenant, volumes, ct);
        var backup = await service.CreateAsync(
            volume.TenantId,
            tenant.Caller.User,
            new NewBackup(volume.Id, parsed.Name, parsed.Description, parsed.Container ?? backupOptions.Value.DefaultContainer)
            {
                Incremental = parsed.Incremental,
                Force = parsed.Force,
                Metadata = parsed.Metadata,
                AvailabilityZone = parsed.AvailabilityZone,
            },
            ct);
        return TypedResults.Accepted((string?)null, new CinderBackupEnvelope<CinderBackupSummary>(
            Views(request, version, tenant, options).ToSummary(backup)));
    }

    private static async Task<Ok<CinderBackupEnvelope<CinderBackupSummary>>> UpdateAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, CinderApiVersion version, TenantContext tenant,
        BackupStore backups, BackupService service, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        if (!version.AtLeast(CinderVersions.BackupUpdate))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound)); // no such method before 3.9
        }

        var changes = CinderBackupRequests.ParseUpdate(await JsonBody.ReadObjectAsync(request, "backup", ct), version);
        var backup = await FindAsync(backupId, tenant, backups, ct);
        var updated = await service.UpdateAsync(backup.TenantId, backup.Id, backupId, changes, ct);
        return TypedResults.Ok(new CinderBackupEnvelope<CinderBackupSummary>(Views(request, version, tenant, options).ToSummary(updated)));
    }

    private static async Task<Accepted> DeleteAsync(
        [FromRoute(Name = "backup_id")] string backupId, TenantContext tenant, BackupStore backups, BackupService service,
        CancellationToken ct)
    {
        var backup = await FindAsync(backupId, tenant, backups, ct);
        await service.DeleteAsync(backup.TenantId, backup.Id, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Accepted<CinderRestoreEnvelope>> RestoreAsync(
        [FromRoute(Name = "backup_id")] string backupId, HttpRequest request, TenantContext tenant, BackupStore backups,
        VolumeStore volumes, BackupService service, CancellationToken ct)
    {
        // The body is checked first: a malformed request changes nothing, whatever the id.
        var parsed = CinderBackupRequests.ParseRestore(await CinderBodies.ReadOptionalObjectAsync(request, "restore", ct));
        var backup = await FindAsync(backupId, tenant, backups, ct);
        long? targetId = parsed.VolumeId is { } volumeUuid
            ? (await FindVolumeAsync(volumeUuid, tenant, volumes, ct)).Id
            : null;
        var target = await service.RestoreAsync(
            backup.TenantId, backup.Id, targetId, ct, parsed.Name ?? $"restore_backup_{CinderBackupViews.Id(backup.Uuid)}");
        return TypedResults.Accepted((string?)null, new CinderRestoreEnvelope(
            new CinderRestoreResult(CinderBackupViews.Id(backup.Uuid), CinderBackupViews.Id(target.Uuid), target.DisplayName ?? string.Empty)));
    }

    /// <summary>The backup a Cinder id names: the project's, or any project's for an admin; else Cinder's 404.</summary>
    public static async Task<Backup> FindAsync(string backupId, TenantContext tenant, BackupStore backups, CancellationToken ct)
    {
        Backup? backup = null;
        if (Guid.TryParse(backupId, out var uuid))
        {
            backup = tenant.IsAdmin ? await backups.FindByUuidAsync(uuid, ct) : await backups.FindByUuidAsync(tenant.TenantId, uuid, ct);
        }

        return backup ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(backupId)));
    }

    public static CinderBackupViews Views(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, IOptions<VolumeBackupOptions> options) =>
        new(request, version, tenant.IsAdmin, options.Value.AvailabilityZone);

    private static async Task<Domain.Volumes.Volume> FindVolumeAsync(Guid uuid, TenantContext tenant, VolumeStore volumes, CancellationToken ct) =>
        (tenant.IsAdmin ? await volumes.FindByUuidAsync(uuid, ct) : await volumes.FindByUuidAsync(tenant.TenantId, uuid, ct))
        ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(CinderBackupViews.Id(uuid))));
}
