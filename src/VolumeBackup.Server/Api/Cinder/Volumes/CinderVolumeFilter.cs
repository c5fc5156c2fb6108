using System.Globalization;
using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// One filter of a volume list, as Cinder reads it: an exact value (<c>name=db</c>), a like-filter from 3.34
/// (<c>name~=d</c>: contains, ignoring case), a time comparison from 3.60 (<c>created_at=gte:2026-12-01T00:00:00</c>),
/// <c>metadata</c> (the volume's metadata holds every pair given) or <c>use_quota</c> from 3.65.
/// </summary>
internal sealed record CinderVolumeFilter(string Key, Func<Volume, bool> Matches)
{
    public const int LikeFilters = 34;
    public const int TimeComparison = 60;
    public const int UseQuota = 65;

    private static readonly string[] TextKeys = ["name", "status", "availability_zone"];
    private static readonly string[] TimeKeys = ["created_at", "updated_at"];

    /// <summary>The filter for <paramref name="key"/>, null when the key names no filter at this version.</summary>
    public static CinderVolumeFilter? TryCreate(string key, string value, Versions.CinderApiVersion version)
    {
        if (TextKeys.Contains(key, StringComparer.Ordinal))
        {
            return new(key, v => string.Equals(Text(v, key), value, StringComparison.Ordinal));
        }

        if (key.EndsWith('~') && TextKeys.Contains(key[..^1], StringComparer.Ordinal) && version.AtLeast(LikeFilters))
        {
            return new(key, v => Text(v, key[..^1])?.Contains(value, StringComparison.OrdinalIgnoreCase) == true);
        }

        if (TimeKeys.Contains(key, StringComparer.Ordinal) && version.AtLeast(TimeComparison))
        {
            var compare = TimeComparisonOf(key, value);
            return new(key, v => compare(key == "created_at" ? v.CreatedAt : v.UpdatedAt));
        }

        return key switch
        {
            "size" => new(key, v => v.SizeGb.ToString(CultureInfo.InvariantCulture) == value),
            "bootable" => new(key, _ => !CinderVolumeQuery.ParseBool(key, value)), // nothing is bootable here
            "group_id" => new(key, _ => false), // no volume is in a group
            "metadata" => MetadataFilter(value),
            "use_quota" when version.AtLeast(UseQuota) => new(key, _ => CinderVolumeQuery.ParseBool(key, value)), // every volume counts
            _ => null,
        };
    }

    private static string? Text(Volume volume, string key) => key switch
    {
        "name" => volume.DisplayName,
        "status" => volume.Status,
        _ => volume.AvailabilityZone,
    };

    private static Func<DateTimeOffset, bool> TimeComparisonOf(string key, string value)
    {
        var parts = value.Split(':', 2);
        if (parts.Length != 2 || !DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw BadRequest($"Invalid filter value for {key}: use <op>:<time>, op one of gt, gte, lt, lte, eq, neq");
        }

        return parts[0] switch
        {
            "gt" => t => t > at,
            "gte" => t => t >= at,
            "lt" => t => t < at,
            "lte" => t => t <= at,
            "eq" => t => t == at,
            "neq" => t => t != at,
            _ => throw BadRequest($"Invalid filter value for {key}: unknown comparison '{parts[0]}'"),
        };
    }

    /// <summary>cinderclient sends a Python dict (<c>{'k': 'v'}</c>); JSON is taken too.</summary>
    private static CinderVolumeFilter MetadataFilter(string value)
    {
        Dictionary<string, string>? wanted;
        try
        {
            wanted = JsonSerializer.Deserialize(value.Replace('\'', '"'), CinderFilterJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            wanted = null;
        }

        if (wanted is null)
        {
            throw BadRequest("Invalid filter value for metadata: it must be an object of strings, such as {\"k\": \"v\"}");
        }

        return new("metadata", v => wanted.All(pair => v.Metadata.TryGetValue(pair.Key, out var held) && held == pair.Value));
    }

    private static FaultException BadRequest(string message) => new(Fault.BadRequest(message));
}
