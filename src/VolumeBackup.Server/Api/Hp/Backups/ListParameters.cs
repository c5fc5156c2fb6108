using System.Globalization;
using Microsoft.Extensions.Primitives;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Hp.Backups;

/// <summary>
/// The query of list and detail: <c>limit</c> (page size, at most the configured maximum, which is also the default),
/// <c>marker</c> (the last id of the previous page: the page starts after it, so paging stays stable while backups come
/// and go) and <c>all_tenants</c> (admins only: every tenant's backups; ignored for others, as in Nova).
/// </summary>
internal sealed record ListParameters(int Limit, long? Marker, bool AllTenants)
{
    public const string InvalidLimit = "Invalid limit: limit must be a whole number of at least 1";
    public const string InvalidMarker = "Invalid marker: marker must be the id of a backup";

    public static ListParameters Parse(IQueryCollection query, int maxPageSize, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = maxPageSize;
        if (Single(query["limit"]) is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                throw new FaultException(Fault.BadRequest(InvalidLimit));
            }

            limit = Math.Min(limit, maxPageSize);
        }

        long? marker = null;
        if (Single(query["marker"]) is { } markerText)
        {
            marker = RouteIds.TryParse(markerText, out var id) ? id : throw new FaultException(Fault.BadRequest(InvalidMarker));
        }

        var allTenants = isAdmin && Single(query["all_tenants"]) is { } flag && IsTrue(flag);
        return new ListParameters(limit, marker, allTenants);
    }

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[^1];

    // Nova's clients send all_tenants=1 or all_tenants=True; a bare ?all_tenants means yes too.
    private static bool IsTrue(string flag) =>
        flag.Length == 0 || flag is "1" || flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag.Equals("yes", StringComparison.OrdinalIgnoreCase);
}
