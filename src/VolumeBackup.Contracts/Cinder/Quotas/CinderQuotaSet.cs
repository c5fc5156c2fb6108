using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Quotas;

/// <summary>
/// <c>{"quota_set": {...}}</c> of <c>/os-quota-sets/{project_id}</c> and <c>.../defaults</c>: each resource's limit as
/// a number, or (<c>?usage=True</c>) as <see cref="CinderQuotaUsage"/>. <c>-1</c> means no limit.
/// </summary>
public sealed record CinderQuotaSetEnvelope<T>([property: JsonPropertyName("quota_set")] CinderQuotaSet<T> QuotaSet);

/// <summary>Cinder's quota resources, with the per-type entries of the one volume type (<c>__DEFAULT__</c>).</summary>
public sealed record CinderQuotaSet<T>
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("volumes")] public required T Volumes { get; init; }
    [JsonPropertyName("gigabytes")] public required T Gigabytes { get; init; }
    [JsonPropertyName("snapshots")] public required T Snapshots { get; init; }
    [JsonPropertyName("backups")] public required T Backups { get; init; }
    [JsonPropertyName("backup_gigabytes")] public required T BackupGigabytes { get; init; }
    [JsonPropertyName("per_volume_gigabytes")] public required T PerVolumeGigabytes { get; init; }
    [JsonPropertyName("groups")] public required T Groups { get; init; }
    [JsonPropertyName("volumes___DEFAULT__")] public required T DefaultTypeVolumes { get; init; }
    [JsonPropertyName("gigabytes___DEFAULT__")] public required T DefaultTypeGigabytes { get; init; }
    [JsonPropertyName("snapshots___DEFAULT__")] public required T DefaultTypeSnapshots { get; init; }
}

/// <summary>One resource with <c>?usage=True</c>: its limit, what is in use and what is reserved (always 0 here: quota
/// is taken in the same step that inserts the row, never reserved ahead).</summary>
public sealed record CinderQuotaUsage(
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("in_use")] long InUse,
    [property: JsonPropertyName("reserved")] long Reserved);
