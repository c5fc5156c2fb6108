using System.Net;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// The one place Swift failures are classified: 404 -> <see cref="ObjectNotFoundException"/>; 408, 429, 5xx, broken
/// connections and timeouts -> transient <see cref="ObjectStoreException"/>; any other status -> permanent.
/// </summary>
internal static class SwiftErrors
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The exception for an unexpected response. <paramref name="what"/> names the request, e.g. "PUT of 'a/b'".</summary>
    public static async Task<ObjectStoreException> FromResponseAsync(
        HttpResponseMessage response, string what, string notFoundName, CancellationToken ct)
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.NotFound)
        {
            return new ObjectNotFoundException(notFoundName);
        }

        var detail = await ReadDetailAsync(response, ct);
        var transId = response.Headers.TryGetValues("X-Trans-Id", out var ids) ? $" [{ids.First()}]" : string.Empty;
        var reason = status switch
        {
            HttpStatusCode.Unauthorized => "the token was rejected (expired or revoked)",
            HttpStatusCode.Forbidden => "access denied: these credentials have no access to this account or container",
            HttpStatusCode.RequestedRangeNotSatisfiable => "the range lies outside the object",
            HttpStatusCode.RequestEntityTooLarge => "the object is larger than the cluster allows",
            HttpStatusCode.UnprocessableContent => "the bytes Swift received do not match their checksum",
            _ => IsTransient(status) ? "the cluster is unavailable or overloaded" : "the request was refused",
        };
        // A 422 answers a PUT whose body was damaged on the way: sending the same bytes again can succeed.
        var transient = IsTransient(status) || status == HttpStatusCode.UnprocessableContent;
        return new ObjectStoreException(
            $"Swift {what} failed with {(int)status} {response.ReasonPhrase}: {reason}{detail}{transId}.", transient);
    }

    /// <summary>Connection failures and timeouts; cancellation by the caller passes through untouched.</summary>
    public static ObjectStoreException? FromTransport(Exception e, string what, TimeSpan timeout, CancellationToken callerToken) => e switch
    {
        ObjectStoreException => null,
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        OperationCanceledException => new ObjectStoreException($"Swift {what} timed out after {timeout.TotalSeconds:0.#} s.", isTransient: true, e),
        HttpRequestException or IOException =>
            new ObjectStoreException($"Swift {what} failed: connection error: {e.Message}", isTransient: true, e),
        _ => null,
    };

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            body = body.Replace('\n', ' ').Trim();
            return body.Length == 0 ? string.Empty : $" ({(body.Length > 200 ? body[..200] + "..." : body)})";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }
}
