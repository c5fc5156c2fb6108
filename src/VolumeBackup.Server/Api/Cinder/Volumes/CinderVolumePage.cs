using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Applies a <see cref="CinderVolumeQuery"/> to the volumes in scope: filter, sort (the id breaks ties, so pages are
/// stable), skip past the marker and the offset, cut the page. Tenants hold few volumes (a quota of tens), so this
/// runs in memory over one read.
/// </summary>
internal sealed record CinderVolumePage(IReadOnlyList<Volume> Items, int Total, bool IsFull)
{
    public static CinderVolumePage From(IEnumerable<Volume> volumes, CinderVolumeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = Sorted(volumes.Where(v => Matches(v, query)), query).ToList();
        var start = 0;
        if (query.Marker is { } marker)
        {
            var index = matching.FindIndex(v => string.Equals(CinderVolumeViews.Id(v), marker, StringComparison.OrdinalIgnoreCase));
            start = index >= 0 ? index + 1 : throw new FaultException(Fault.ItemNotFound($"Marker {marker} could not be found."));
        }

        var items = matching.Skip(start + query.Offset).Take(query.PageSize).ToList();
        // Cinder's rule: a full page gets a next link, even when nothing follows; the empty page after it ends the loop.
        return new CinderVolumePage(items, matching.Count, IsFull: query.PageSize > 0 && items.Count == query.PageSize);
    }

    private static bool Matches(Volume volume, CinderVolumeQuery query) =>
        query.Filters.All(filter => filter.Matches(volume))
        && (query.ProjectId is null || string.Equals(volume.TenantId, query.ProjectId, StringComparison.Ordinal));

    private static IEnumerable<Volume> Sorted(IEnumerable<Volume> volumes, CinderVolumeQuery query)
    {
        IOrderedEnumerable<Volume>? ordered = null;
        foreach (var (key, descending) in query.Sort)
        {
            ordered = key switch
            {
                "id" => ThenBy(ordered, volumes, v => CinderVolumeViews.Id(v), descending, StringComparer.Ordinal),
                "name" => ThenBy(ordered, volumes, v => v.DisplayName ?? string.Empty, descending, StringComparer.Ordinal),
                "status" => ThenBy(ordered, volumes, v => v.Status, descending, StringComparer.Ordinal),
                "availability_zone" => ThenBy(ordered, volumes, v => v.AvailabilityZone, descending, StringComparer.Ordinal),
                "size" => ThenBy(ordered, volumes, v => v.SizeGb, descending, Comparer<int>.Default),
                "updated_at" => ThenBy(ordered, volumes, v => v.UpdatedAt, descending, Comparer<DateTimeOffset>.Default),
                _ => ThenBy(ordered, volumes, v => v.CreatedAt, descending, Comparer<DateTimeOffset>.Default),
            };
        }

        // Rows are numbered in creation order: newest first breaks ties, like Cinder's default of created_at then id.
        return ordered is null ? volumes.OrderByDescending(v => v.Id) : ordered.ThenByDescending(v => v.Id);
    }

    private static IOrderedEnumerable<Volume> ThenBy<TKey>(
        IOrderedEnumerable<Volume>? ordered, IEnumerable<Volume> source, Func<Volume, TKey> key, bool descending, IComparer<TKey> comparer) =>
        (ordered, descending) switch
        {
            (null, false) => source.OrderBy(key, comparer),
            (null, true) => source.OrderByDescending(key, comparer),
            (_, false) => ordered.ThenBy(key, comparer),
            (_, true) => ordered.ThenByDescending(key, comparer),
        };
}
