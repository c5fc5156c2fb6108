using Microsoft.AspNetCore.Http.Extensions;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>
/// One page of a Cinder backup listing: filtered in the database, sorted and cut here (after the marker, then the
/// offset, at most the limit), with Cinder's absolute <c>next</c> link whenever the page is full and <c>count</c>
/// (the filtered total) when asked for.
/// </summary>
internal static class CinderBackupPages
{
    public static async Task<CinderBackupsEnvelope<T>> PageAsync<T>(
        HttpRequest request, CinderApiVersion version, TenantContext tenant, BackupQueries queries, VolumeStore volumes,
        BackupOptions options, Func<Backup, Guid, T> view, CancellationToken ct)
    {
        var query = CinderBackupQuery.Parse(request.Query, version, tenant.IsAdmin, options.MaxPageSize);
        var scope = query.AllTenants ? null : tenant.TenantId;
        List<Backup> matching;
        if (query.VolumeId is { } volumeText)
        {
            // A volume filter names the volume by its UUID; an unknown or malformed one matches nothing.
            var volume = Guid.TryParse(volumeText, out var volumeUuid)
                ? scope is null ? await volumes.FindByUuidAsync(volumeUuid, ct) : await volumes.FindByUuidAsync(scope, volumeUuid, ct)
                : null;
            matching = volume is null ? [] : await queries.ListAsync(new BackupFilter(scope, query.Name, query.Status, volume.Id), ct);
        }
        else
        {
            matching = await queries.ListAsync(new BackupFilter(scope, query.Name, query.Status), ct);
        }

        var ordered = query.Ordered(matching).ToList();
        var start = 0;
        if (query.Marker is { } marker)
        {
            var index = ordered.FindIndex(b => b.Uuid == marker);
            start = index >= 0
                ? index + 1
                : throw new Domain.Faults.FaultException(Domain.Faults.Fault.ItemNotFound($"Marker {marker:D} could not be found."));
        }

        var page = ordered.Skip(start).Skip(query.Offset).Take(query.Limit).ToList();
        var volumeUuids = await queries.VolumeUuidsAsync(page.Select(b => b.VolumeId), ct);
        return new CinderBackupsEnvelope<T>([.. page.Select(b => view(b, volumeUuids.GetValueOrDefault(b.VolumeId)))])
        {
            Links = page.Count > 0 && page.Count == query.Limit ? [new CinderLink("next", NextHref(request, query, page[^1]))] : null,
            Count = query.WithCount ? matching.Count : null,
        };
    }

    // Absolute, with the request's other parameters: cinderclient requests the href exactly as given. The offset is
    // left out, since the marker already says where the next page starts.
    private static string NextHref(HttpRequest request, CinderBackupQuery query, Backup last)
    {
        var parameters = new QueryBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is not ("marker" or "offset" or "limit"))
            {
                foreach (var value in values)
                {
                    parameters.Add(key, value ?? string.Empty);
                }
            }
        }

        parameters.Add("limit", query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        parameters.Add("marker", CinderBackupViews.Id(last.Uuid));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, parameters.ToQueryString());
    }
}
