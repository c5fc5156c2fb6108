using System.Text.Json;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Json;

/// <summary>Reads a request body of the form <c>{"&lt;root&gt;": { ... }}</c>; anything else is the spec's 400.</summary>
internal static class JsonBody
{
    /// <summary>
    /// The object under <paramref name="rootKey"/>. Malformed JSON, a key given twice, a string that is not valid Unicode
    /// (invalid UTF-8, a lone surrogate escape such as <c>"\ud800"</c>), a body that is not an object, or a missing or
    /// non-object root -> <see cref="FaultException"/> 400 <c>Incorrect request body format.</c>
    /// </summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, string rootKey, CancellationToken ct)
    {
        var root = await ReadRootAsync(request, ct);
        return root.TryGetProperty(rootKey, out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : throw BadFormat();
    }

    /// <summary>
    /// The whole body, which must be a JSON object (for bodies whose key is the request itself, such as Cinder's
    /// <c>{"os-reserve": null}</c> actions); the same checks and 400 as <see cref="ReadObjectAsync"/>.
    /// </summary>
    public static async Task<JsonElement> ReadRootAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, ApiJson.DocumentOptions, ct);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException || IsBrokenFraming(e))
        {
            throw BadFormat();
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !HasOnlyValidText(document.RootElement))
            {
                throw BadFormat();
            }

            return document.RootElement.Clone();
        }
    }

    /// <summary>
    /// Whether every name and string decodes to UTF-16. The parser keeps strings as raw UTF-8 and decodes them only when
    /// read, so without this check a bad string would fail later, in whichever field read it, as an unexpected error.
    /// </summary>
    public static bool HasOnlyValidText(JsonElement element)
    {
        try
        {
            Decode(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Decode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Decode(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Decode(item);
                }

                break;
        }
    }

    /// <summary>
    /// Kestrel reports some broken framing (a chunk size that overflows) as a plain <see cref="IOException"/>, unlike the
    /// <see cref="BadHttpRequestException"/> that carries its own status (408, 413) for the fault handler.
    /// </summary>
    public static bool IsBrokenFraming(Exception e) => e is IOException and not BadHttpRequestException;

    private static FaultException BadFormat() => new(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
}
