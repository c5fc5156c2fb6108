using System.Text.Json;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Json;

/// <summary>Reads a request body of the form <c>{"&lt;root&gt;": { ... }}</c>; anything else is the spec's 400.</summary>
public static class JsonBody
{
    /// <summary>
    /// The object under <paramref name="rootKey"/>. Malformed JSON, a body that is not an object, or a missing or
    /// non-object root -> <see cref="FaultException"/> 400 <c>Incorrect request body format.</c>
    /// </summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, string rootKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, ApiJson.DocumentOptions, ct);
        }
        catch (JsonException)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(rootKey, out var inner)
                || inner.ValueKind != JsonValueKind.Object)
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
            }

            return inner.Clone();
        }
    }
}
