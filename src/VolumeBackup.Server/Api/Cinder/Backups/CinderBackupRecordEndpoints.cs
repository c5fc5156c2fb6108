using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>
/// Cinder's admin <c>GET /backups/{id}/export_record</c> (200) and <c>POST /backups/import_record</c> (201). The record's
/// <c>backup_url</c> is base64 of a <see cref="CinderBackupRecord"/> JSON document; what an import needs from it is the
/// container and <c>service_metadata</c>, the name of the backup's root manifest there.
/// </summary>
internal static class CinderBackupRecordEndpoints
{
    /// <summary>The driver name records carry; Tempest checks it starts with <c>cinder.backup.drivers</c>.</summary>
    public const string BackupService = "cinder.backup.drivers.volumebackup";

    public static async Task<Ok<CinderBackupRecordEnvelope>> ExportAsync(
        [FromRoute(Name = "backup_id")] string backupId, TenantContext tenant, BackupStore backups, BackupQueries queries,
        CancellationToken ct)
    {
        var backup = await CinderBackupsEndpoints.FindAsync(backupId, tenant, backups, ct);
        var manifestId = BackupRecords.ManifestIdOf(backup);
        var volumeUuids = await queries.VolumeUuidsAsync([backup.VolumeId], ct);
        var record = new CinderBackupRecord
        {
            Id = CinderBackupViews.Id(backup.Uuid),
            DisplayName = backup.DisplayName,
            DisplayDescription = backup.DisplayDescription,
            Container = backup.Container,
            Size = backup.SizeGb,
            ObjectCount = backup.ObjectCount,
            Status = backup.Status,
            ProjectId = backup.TenantId,
            UserId = backup.UserId,
            VolumeId = CinderBackupViews.Id(volumeUuids.GetValueOrDefault(backup.VolumeId)),
            IsIncremental = backup.IsIncremental,
            Metadata = backup.Metadata,
            CreatedAt = backup.CreatedAt,
            Service = BackupService,
            ServiceMetadata = manifestId,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(record, CinderBackupsJsonContext.Default.CinderBackupRecord);
        return TypedResults.Ok(new CinderBackupRecordEnvelope(new CinderBackupRecordReference(BackupService, Convert.ToBase64String(json))));
    }

    public static async Task<Created<CinderBackupEnvelope<CinderBackupSummary>>> ImportAsync(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, BackupRecords records,
        IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var (service, url) = CinderBackupRequests.ParseImport(await JsonBody.ReadObjectAsync(request, "backup-record", ct));
        if (!string.Equals(service, BackupService, StringComparison.Ordinal))
        {
            throw new FaultException(Fault.BadRequest(
                $"Invalid backup: backup_service {service} is not this service's ({BackupService}): no backup host can import it."));
        }

        var record = Decode(url);
        if (!Guid.TryParse(record.Id, out var uuid) || !ObjectKeys.IsValidContainer(record.Container))
        {
            throw InvalidRecord("its id must be a UUID and its container a valid container name");
        }

        var backup = await records.ImportAsync(
            tenant.TenantId,
            tenant.Caller.User,
            new ImportedBackup(uuid, record.Container, record.ServiceMetadata)
            {
                DisplayName = record.DisplayName,
                DisplayDescription = record.DisplayDescription,
                IsIncremental = record.IsIncremental,
                Metadata = record.Metadata,
            },
            ct);
        return TypedResults.Created((string?)null, new CinderBackupEnvelope<CinderBackupSummary>(
            CinderBackupsEndpoints.Views(request, version, tenant, options).ToSummary(backup)));
    }

    /// <summary>
    /// This service's disaster recovery on the Cinder surface, <c>POST /backups/recover</c> (admin): the HP body and
    /// answer, with Cinder's ids (UUIDs) for the backups.
    /// </summary>
    public static async Task<Ok<RecoverEnvelope>> RecoverAsync(
        HttpRequest request, TenantContext tenant, BackupRecords records, CancellationToken ct)
    {
        var container = RecoverRequestParser.ParseContainer(await JsonBody.ReadObjectAsync(request, "recover", ct));
        var result = await records.RecoverAsync(tenant.TenantId, tenant.Caller.User, container, ct);
        return TypedResults.Ok(new RecoverEnvelope(new RecoverResult(
            container,
            [.. result.Imported.Select(b => new RecoveredBackup(CinderBackupViews.Id(b.Uuid), b.DisplayName))],
            [.. result.AlreadyPresent.Select(b => CinderBackupViews.Id(b.Uuid))],
            result.Unreadable)));
    }

    private static CinderBackupRecord Decode(string url)
    {
        try
        {
            var json = Convert.FromBase64String(url);
            return JsonSerializer.Deserialize(json, CinderBackupsJsonContext.Default.CinderBackupRecord)
                ?? throw InvalidRecord("it is empty");
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            throw InvalidRecord("it is not base64 of a JSON backup record with id, container, size and service_metadata");
        }
    }

    private static FaultException InvalidRecord(string why) =>
        new(Fault.BadRequest($"Invalid backup: the backup record cannot be imported: {why}."));
}
