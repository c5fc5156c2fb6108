using System.Globalization;
using System.Text.Json;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Json;

/// <summary>How a bad field is reported: the volumes API names it, the backups API answers the spec's one message.</summary>
internal enum FieldFaults
{
    /// <summary>400 <c>Incorrect request body format. '&lt;field&gt;' &lt;expectation&gt;.</c></summary>
    NameTheField,

    /// <summary>400 <c>Incorrect request body format.</c>, exactly as the backup spec prints it.</summary>
    SpecMessageOnly,
}

/// <summary>
/// The one reader of request fields, for every body of the API. A wrong type or value is a 400 (worded by
/// <see cref="FieldFaults"/>); absent or null optional fields are null. Unknown fields are ignored (OpenStack clients
/// send extra keys set to null). Lengths are in UTF-16 characters, never fewer than the database's characters.
/// </summary>
internal sealed class RequestFields(JsonElement body, FieldFaults faults)
{
    public string? OptionalString(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(name, "must be a string");
        return text.Length <= maxLength ? text : throw Invalid(name, $"must be at most {maxLength} characters");
    }

    /// <summary>An id sent as a decimal string (<c>"9"</c>) or a number (<c>9</c>); null when absent or null.</summary>
    public long? OptionalId(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return TryReadWholeNumber(value, out var id) && id > 0 ? id : throw Invalid(name, "must be an id (a positive whole number)");
    }

    public long RequiredId(string name) => OptionalId(name) ?? throw Invalid(name, "is required");

    /// <summary>A whole number from 1 to <paramref name="max"/>, as a number or a decimal string.</summary>
    public int RequiredPositiveInt(string name, int max)
    {
        if (!TryGet(name, out var value))
        {
            throw Invalid(name, "is required");
        }

        return TryReadWholeNumber(value, out var number) && number >= 1 && number <= max
            ? (int)number
            : throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {max}"));
    }

    /// <summary>An object of string values (metadata); null when absent or null.</summary>
    public Dictionary<string, string>? OptionalStringMap(string name, int maxEntries, int maxLength)
    {
        if (!TryGet(name, out var value))
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

    /// <summary>Refuses a field this service cannot honour, unless it is absent or null.</summary>
    public void RejectPresent(string name, string expectation)
    {
        if (TryGet(name, out _))
        {
            throw Invalid(name, expectation);
        }
    }

    /// <summary>The fault for a field whose value breaks a rule the caller checks itself.</summary>
    public FaultException Invalid(string field, string expectation) => new(Fault.BadRequest(
        faults == FieldFaults.NameTheField ? FaultMessages.InvalidField(field, expectation) : FaultMessages.IncorrectBodyFormat));

    private bool TryGet(string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

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
}
