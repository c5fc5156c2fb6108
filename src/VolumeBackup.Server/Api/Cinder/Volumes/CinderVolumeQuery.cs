using System.Globalization;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Cinder.Versions;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// The query of a volume list, parsed as Cinder parses it: the filters of <see cref="CinderVolumeFilter"/> (and
/// <c>project_id</c> with <c>all_tenants</c> for admins); <c>limit</c>, <c>marker</c>, <c>offset</c>;
/// <c>sort=key[:dir],...</c> or the older <c>sort_key</c>/<c>sort_dir</c>; <c>with_count</c> from 3.45. Before 3.31
/// an unknown parameter is dropped; from 3.31 it is a 400, as in Cinder.
/// </summary>
internal sealed record CinderVolumeQuery
{
    /// <summary>Cinder's <c>osapi_max_limit</c>: the largest page, and the page size when no limit is given.</summary>
    public const int MaxLimit = 1000;

    public const int InvalidFilterIs400 = 31;
    public const int WithCountVersion = 45;

    public static readonly IReadOnlyList<string> SortKeys = ["id", "name", "status", "size", "availability_zone", "created_at", "updated_at"];

    private static readonly string[] Paging = ["limit", "marker", "offset", "sort", "sort_key", "sort_dir", "all_tenants"];
    private static readonly string[] TrueWords = ["1", "t", "true", "on", "y", "yes"];
    private static readonly string[] FalseWords = ["0", "f", "false", "off", "n", "no"];

    public IReadOnlyList<CinderVolumeFilter> Filters { get; init; } = [];

    /// <summary>Only for admins listing every project: the project to keep.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Admins only; for anyone else <c>all_tenants</c> is ignored, as Cinder does (cinderclient sends it on every name search).</summary>
    public bool AllTenants { get; init; }

    /// <summary>The page size asked for, null when none was (the page is then <see cref="MaxLimit"/>).</summary>
    public int? Limit { get; init; }

    public string? Marker { get; init; }
    public int Offset { get; init; }
    public IReadOnlyList<(string Key, bool Descending)> Sort { get; init; } = [("created_at", true)];
    public bool WithCount { get; init; }

    public int PageSize => Limit ?? MaxLimit;

    public static CinderVolumeQuery Parse(IEnumerable<KeyValuePair<string, string>> parameters, CinderApiVersion version, bool admin)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            values[key] = value; // a repeated parameter: the last one counts
        }

        var known = new HashSet<string>(Paging, StringComparer.Ordinal) { "project_id" };
        if (version.AtLeast(WithCountVersion))
        {
            known.Add("with_count");
        }

        var filters = new List<CinderVolumeFilter>();
        var unknown = new List<string>();
        foreach (var (key, value) in values.Where(pair => !known.Contains(pair.Key)).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (CinderVolumeFilter.TryCreate(key, value, version) is { } filter)
            {
                filters.Add(filter);
            }
            else
            {
                unknown.Add(key);
            }
        }

        if (unknown.Count > 0 && version.AtLeast(InvalidFilterIs400))
        {
            throw BadRequest($"Invalid filter keys: {string.Join(", ", unknown)}");
        }

        var allTenants = Bool(values, "all_tenants") && admin;
        return new CinderVolumeQuery
        {
            Filters = filters,
            ProjectId = allTenants ? values.GetValueOrDefault("project_id") : null,
            AllTenants = allTenants,
            Limit = NonNegative(values, "limit") is { } limit ? Math.Min(limit, MaxLimit) : null,
            Marker = values.GetValueOrDefault("marker"),
            Offset = NonNegative(values, "offset") ?? 0,
            Sort = SortOrder(values),
            WithCount = version.AtLeast(WithCountVersion) && Bool(values, "with_count"),
        };
    }

    private static int? NonNegative(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw BadRequest($"{key} param must be an integer");
        }

        return number >= 0 ? number : throw BadRequest($"{key} param must be positive");
    }

    private static bool Bool(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && ParseBool(key, text);

    /// <summary>Cinder's boolean words (<c>1</c>, <c>true</c>, <c>yes</c>, <c>on</c>... and their negatives); anything else is a 400.</summary>
    public static bool ParseBool(string key, string text)
    {
        var word = text.Trim().ToLowerInvariant();
        return TrueWords.Contains(word, StringComparer.Ordinal) ? true
            : FalseWords.Contains(word, StringComparer.Ordinal) ? false
            : throw BadRequest($"Invalid value '{text}' for {key}: it must be a boolean (true or false)");
    }

    private static List<(string Key, bool Descending)> SortOrder(Dictionary<string, string> values)
    {
        var hasLegacy = values.ContainsKey("sort_key") || values.ContainsKey("sort_dir");
        if (values.TryGetValue("sort", out var sort))
        {
            if (hasLegacy)
            {
                throw BadRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
            }

            return [.. sort.Split(',').Select(item =>
            {
                var parts = item.Split(':', 2);
                return (SortKey(parts[0].Trim()), parts.Length < 2 || Descending(parts[1].Trim()));
            })];
        }

        return hasLegacy
            ? [(SortKey(values.GetValueOrDefault("sort_key", "created_at")), Descending(values.GetValueOrDefault("sort_dir", "desc")))]
            : [("created_at", true)];
    }

    private static string SortKey(string key) =>
        SortKeys.Contains(key, StringComparer.Ordinal) ? key : throw BadRequest($"Invalid input received: Invalid sort key {key}");

    private static bool Descending(string direction) => direction switch
    {
        "desc" => true,
        "asc" => false,
        _ => throw BadRequest("Unknown sort direction, must be 'desc' or 'asc'"),
    };

    private static FaultException BadRequest(string message) => new(Fault.BadRequest(message));
}
