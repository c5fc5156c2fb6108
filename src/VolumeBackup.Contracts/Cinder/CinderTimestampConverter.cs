using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>
/// Times as Cinder writes them: UTC, microseconds, no zone (<c>2026-12-01T12:00:00.000000</c>). gophercloud cannot
/// parse a trailing <c>Z</c>, so the HP surface's format must never reach this one. Put on each Cinder time property.
/// </summary>
public sealed class CinderTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
