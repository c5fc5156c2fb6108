using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using VolumeBackup.Contracts.Faults;
using VolumeBackup.Contracts.Json;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>Writes a fault as the spec's body: <c>{"badRequest": {"message": "...", "code": 400}}</c>.</summary>
internal static class FaultWriter
{
    // Messages quote field names ('size'); the body is JSON, not HTML, so quotes need no escaping.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var body = new FaultEnvelope(fault.Name, new FaultBody(fault.Message, fault.Code));
            JsonSerializer.Serialize(writer, body, ApiJsonContext.Default.FaultEnvelope);
        }

        return buffer.ToArray();
    }

    /// <summary>The header's value: whole seconds, at least one (RFC 9110, section 10.2.3).</summary>
    public static string RetryAfterValue(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static async Task WriteAsync(HttpResponse response, Fault fault, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = fault.Code;
        if (fault.Code == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = HttpFaults.TokenChallenge;
        }

        if (fault.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = RetryAfterValue(wait);
        }

        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(Serialize(fault), ct);
    }
}
