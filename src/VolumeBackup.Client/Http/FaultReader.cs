using System.Net;
using System.Text.Json;

namespace VolumeBackup.Client.Http;

/// <summary>Turns an error response into a <see cref="VolumeBackupApiException"/>.</summary>
internal static class FaultReader
{
    public static async Task<VolumeBackupApiException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return Parse(response.StatusCode, response.ReasonPhrase, text);
    }

    /// <summary>
    /// The fault is the first top-level property whose value holds a <c>message</c> (what cinderclient also reads).
    /// Anything else (a proxy's HTML page, an empty body) keeps the HTTP status and a short excerpt.
    /// </summary>
    internal static VolumeBackupApiException Parse(HttpStatusCode status, string? reason, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("message", out var message)
                        && message.ValueKind == JsonValueKind.String)
                    {
                        var code = property.Value.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int)status;
                        return new VolumeBackupApiException(property.Name, code, message.GetString()!, status);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the plain description below.
        }

        var excerpt = body.Length > 200 ? body[..200] + "..." : body;
        var text = string.IsNullOrWhiteSpace(excerpt)
            ? $"HTTP {(int)status} {reason}".TrimEnd()
            : $"HTTP {(int)status} {reason}: {excerpt.Trim()}";
        return new VolumeBackupApiException(reason ?? status.ToString(), (int)status, text, status);
    }
}
