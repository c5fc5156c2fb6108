using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>Bodies whose root may be null (<c>{"restore": null}</c>) or holds one of several keys (actions).</summary>
internal static class CinderBodies
{
    /// <summary>The object under <paramref name="rootKey"/>, or null when the root is null; anything else is a 400.</summary>
    public static async Task<JsonElement?> ReadOptionalObjectAsync(HttpRequest request, string rootKey, CancellationToken ct)
    {
        var root = await ReadRootAsync(request, ct);
        if (!root.TryGetProperty(rootKey, out var inner) || inner.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
        }

        return inner.ValueKind == JsonValueKind.Null ? null : inner;
    }

    /// <summary>The body's top-level object (with the same checks as <see cref="JsonBody"/>).</summary>
    public static async Task<JsonElement> ReadRootAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, ApiJson.DocumentOptions, ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !JsonBody.HasOnlyValidText(document.RootElement))
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
            }

            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException || JsonBody.IsBrokenFraming(e))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
        }
    }
}
