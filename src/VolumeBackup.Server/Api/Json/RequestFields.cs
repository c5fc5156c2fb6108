using System.Globalization;
using System.Text.Json;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Json;

/// <summary>
/// Typed reads of request fields. A wrong type or value is a 400 naming the field; absent or null optional fields
/// are null. Unknown fields are ignored (OpenStack clients send extra keys set to null).
/// </summary>
public static class RequestFields
{
    public static string? OptionalString(JsonElement body, string name, int maxLength)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(name, "must be a string");
        }

        var text = value.GetString()!;
        return text.Length <= maxLength ? text : throw Invalid(name, $"must be at most {maxLength} characters");
    }

    /// <summary>An id sent as a decimal string (<c>"9"</c>) or a number (<c>9</c>); null when absent or null.</summary>
    public static long? OptionalId(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return TryReadWholeNumber(value, out var id) && id > 0 ? id : throw Invalid(name, "must be an id (a positive whole number)");
    }

    public static long RequiredId(JsonElement body, string name) =>
        OptionalId(body, name) ?? throw Invalid(name, "is required");

    /// <summary>A whole number from 1 to <paramref name="max"/>, as a number or a decimal string.</summary>
    public static int RequiredPositiveInt(JsonElement body, string name, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Invalid(name, "is required");
        }

        return TryReadWholeNumber(value, out var number) && number >= 1 && number <= max
            ? (int)number
            : throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {max}"));
    }

    /// <summary>An object of string values (metadata); null when absent or null.</summary>
    public static Dictionary<string, string>? OptionalStringMap(JsonElement body, string name, int maxEntries, int maxLength)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, "must be an object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(name, "must be an object of strings");
            }

            var text = property.Value.GetString()!;
            if (property.Name.Length is 0 || property.Name.Length > maxLength || text.Length > maxLength)
            {
                throw Invalid(name, $"keys and values must be 1 to {maxLength} characters");
            }

            map[property.Name] = text;
        }

        return map.Count <= maxEntries ? map : throw Invalid(name, $"must have at most {maxEntries} entries");
    }

    private static bool TryReadWholeNumber(JsonElement value, out long number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String => RouteIds.TryParse(value.GetString(), out number),
            _ => false,
        };
    }

    private static FaultException Invalid(string field, string expectation) =>
        new(Fault.BadRequest(FaultMessages.InvalidField(field, expectation)));
}
