using System.Globalization;
using Microsoft.Extensions.Primitives;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Cinder.Versions;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>One sort key of a listing and its direction.</summary>
internal sealed record CinderSortKey(string Key, bool Descending);

/// <summary>
/// The query of Cinder's backup list and detail (<c>cinder/api/common.py</c>): filters <c>name</c>, <c>status</c>,
/// <c>volume_id</c> and, for admins, <c>all_tenants</c>; paging by <c>limit</c> (default and cap: the configured page
/// size), <c>marker</c> (a backup id) and <c>offset</c>; <c>sort=key[:dir],...</c> or the older <c>sort_key</c>/<c>sort_dir</c>
/// (default <c>created_at</c> then <c>id</c>, newest first); <c>with_count</c> from 3.45. From 3.31 any other parameter
/// is a 400; before, it is ignored, as Cinder does.
/// </summary>
internal sealed record CinderBackupQuery(int Limit, bool LimitGiven, Guid? Marker, int Offset, IReadOnlyList<CinderSortKey> Sort)
{
    private static readonly string[] PagingKeys = ["limit", "marker", "offset", "sort", "sort_key", "sort_dir", "with_count", "all_tenants"];
    private static readonly string[] FilterKeys = ["name", "status", "volume_id"];
    private static readonly string[] SortKeys = ["created_at", "updated_at", "id", "name", "status", "size", "container", "object_count"];

    public string? Name { get; init; }

    public string? Status { get; init; }

    /// <summary>The <c>volume_id</c> filter as given (a volume UUID names a volume; anything else matches nothing).</summary>
    public string? VolumeId { get; init; }

    public bool AllTenants { get; init; }

    public bool WithCount { get; init; }

    public static CinderBackupQuery Parse(IQueryCollection query, CinderApiVersion version, bool isAdmin, int maxLimit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (version.AtLeast(CinderVersions.StrictFilters))
        {
            var unknown = query.Keys.Where(k => !PagingKeys.Contains(k) && !FilterKeys.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new FaultException(Fault.BadRequest($"Invalid filters {string.Join(',', unknown)} are found in query options."));
            }
        }

        var limitText = Single(query["limit"]);
        var limit = limitText is null ? maxLimit : Math.Min(NonNegative(limitText, "limit"), maxLimit);
        var offset = Single(query["offset"]) is { } offsetText ? NonNegative(offsetText, "offset") : 0;
        Guid? marker = null;
        if (Single(query["marker"]) is { } markerText)
        {
            marker = Guid.TryParse(markerText, out var id)
                ? id
                : throw new FaultException(Fault.ItemNotFound($"Marker {markerText} could not be found."));
        }

        return new CinderBackupQuery(limit, limitText is not null, marker, offset, ParseSort(query))
        {
            Name = Single(query["name"]),
            Status = Single(query["status"]),
            VolumeId = Single(query["volume_id"]),
            AllTenants = isAdmin && Single(query["all_tenants"]) is { } all && IsTrue(all),
            WithCount = version.AtLeast(CinderVersions.ListCount) && Single(query["with_count"]) is { } count && IsTrue(count),
        };
    }

    /// <summary>Orders <paramref name="backups"/> by <see cref="Sort"/>, the id last so that paging by marker is stable.</summary>
    public IEnumerable<Backup> Ordered(IEnumerable<Backup> backups)
    {
        IOrderedEnumerable<Backup>? ordered = null;
        foreach (var sort in Sort.Append(new CinderSortKey("id", Sort.Count > 0 ? Sort[^1].Descending : true)))
        {
            Func<Backup, IComparable?> key = sort.Key switch
            {
                "created_at" => b => b.CreatedAt,
                "updated_at" => b => b.UpdatedAt,
                "name" => b => b.DisplayName,
                "status" => b => b.Status,
                "size" => b => b.SizeGb,
                "container" => b => b.Container,
                "object_count" => b => b.ObjectCount,
                _ => b => b.Id, // id: the row's order of creation, as the UUID's order means nothing
            };
            ordered = ordered is null
                ? sort.Descending ? backups.OrderByDescending(key) : backups.OrderBy(key)
                : sort.Descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }

        return ordered!;
    }

    private static List<CinderSortKey> ParseSort(IQueryCollection query)
    {
        var sort = Single(query["sort"]);
        var sortKey = Single(query["sort_key"]);
        var sortDir = Single(query["sort_dir"]);
        if (sort is not null && (sortKey is not null || sortDir is not null))
        {
            throw new FaultException(Fault.BadRequest(
                "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter."));
        }

        var keys = new List<CinderSortKey>();
        if (sort is not null)
        {
            foreach (var item in sort.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
                keys.Add(new CinderSortKey(CheckedKey(parts[0]), Descending(parts.Length == 2 ? parts[1] : null)));
            }
        }
        else if (sortKey is not null || sortDir is not null)
        {
            keys.Add(new CinderSortKey(CheckedKey(sortKey ?? "created_at"), Descending(sortDir)));
        }

        return keys.Count > 0 ? keys : [new CinderSortKey("created_at", true)];
    }

    private static string CheckedKey(string key) => SortKeys.Contains(key, StringComparer.Ordinal)
        ? key
        : throw new FaultException(Fault.BadRequest($"Invalid input received: Invalid sort key {key}."));

    // Cinder's default direction is descending.
    private static bool Descending(string? direction) => direction?.ToLowerInvariant() switch
    {
        null or "" or "desc" => true,
        "asc" => false,
        _ => throw new FaultException(Fault.BadRequest("Unknown sort direction, must be 'desc' or 'asc'.")),
    };

    private static int NonNegative(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value >= 0 ? value : throw new FaultException(Fault.BadRequest($"{name} param must be positive"))
            : throw new FaultException(Fault.BadRequest($"{name} param must be an integer"));

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[^1];

    private static bool IsTrue(string flag) =>
        flag.Length == 0 || flag is "1" or "t" or "y"
        || flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag.Equals("yes", StringComparison.OrdinalIgnoreCase)
        || flag.Equals("on", StringComparison.OrdinalIgnoreCase);
}
