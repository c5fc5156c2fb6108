using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VolumeBackup.Persistence.Conversions;

/// <summary>Volume and backup metadata (string -> string) as one JSON text column: it is only ever read and written whole.</summary>
internal static class MetadataConverter
{
    public static ValueConverter<Dictionary<string, string>, string> Converter { get; } = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null)
            ?? new Dictionary<string, string>(StringComparer.Ordinal));

    public static ValueComparer<Dictionary<string, string>> Comparer { get; } = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
        v => new Dictionary<string, string>(v, StringComparer.Ordinal));
}
