using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VolumeBackup.Client.Http;

/// <summary>
/// Every body of the API wraps its object in one named property (<c>{"backup": {...}}</c>, <c>{"volumes": [...]}</c>);
/// this writes and reads that wrapper so the contracts stay plain records.
/// </summary>
internal static class JsonEnvelope
{
    public static byte[] Wrap<T>(string name, T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads <paramref name="name"/> from the body; a body without it is a protocol error.</summary>
    public static async Task<T> UnwrapAsync<T>(Stream body, string name, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(body, default, ct).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(name, out var inner)
            || inner.ValueKind == JsonValueKind.Null)
        {
            throw new JsonException($"The response has no \"{name}\" object.");
        }

        return inner.Deserialize(typeInfo) ?? throw new JsonException($"The response's \"{name}\" is empty.");
    }
}
