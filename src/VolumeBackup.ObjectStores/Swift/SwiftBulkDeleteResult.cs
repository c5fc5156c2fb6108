using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// The body of a bulk delete. The HTTP status is 200 once the proxy starts working; the real outcome is here:
/// <c>Response Status</c> ("200 OK", "400 Bad Request", ...) and <c>Errors</c>, a list of [name, status] pairs.
/// </summary>
internal sealed record SwiftBulkDeleteResult(
    [property: JsonPropertyName("Response Status")] string? ResponseStatus,
    [property: JsonPropertyName("Response Body")] string? ResponseBody,
    [property: JsonPropertyName("Number Deleted")] int Deleted,
    [property: JsonPropertyName("Number Not Found")] int NotFound,
    [property: JsonPropertyName("Errors")] List<List<JsonElement>>? Errors)
{
    /// <summary>The status code of <see cref="ResponseStatus"/> (e.g. 200), or 0 when missing.</summary>
    public int StatusCode => ResponseStatus is { Length: >= 3 } s && int.TryParse(s.AsSpan(0, 3), out var code) ? code : 0;
}
