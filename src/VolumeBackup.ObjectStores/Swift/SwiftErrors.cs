using System.Net;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// The one place Swift failures are classified, by status and transport: 404 -> <see cref="ObjectNotFoundException"/>;
/// 408, 429, 5xx (but 507), a 422 (damaged in transit), broken connections and timeouts -> <see cref="ObjectStoreErrorKind.Unavailable"/>;
/// 401/403 -> <see cref="ObjectStoreErrorKind.AccessDenied"/>; 507 and 413 (over a quota) -> <see cref="ObjectStoreErrorKind.Full"/>;
/// 416 -> <see cref="ObjectStoreErrorKind.InvalidRange"/>; any other status -> <see cref="ObjectStoreErrorKind.Failed"/>.
/// </summary>
internal static class SwiftErrors
{
    public static bool IsTransient(HttpStatusCode status) => KindOf(status) == ObjectStoreErrorKind.Unavailable;

    public static ObjectStoreErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => ObjectStoreErrorKind.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ObjectStoreErrorKind.AccessDenied,
        HttpStatusCode.RequestedRangeNotSatisfiable => ObjectStoreErrorKind.InvalidRange,
        // Swift answers 413 both for an object over its size limit and for an upload over an account or container
        // quota; our objects stay far below the size limit, so it means the quota.
        HttpStatusCode.InsufficientStorage or HttpStatusCode.RequestEntityTooLarge => ObjectStoreErrorKind.Full,
        // A 422 answers a PUT whose body was damaged on the way: sending the same bytes again can succeed.
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.UnprocessableContent => ObjectStoreErrorKind.Unavailable,
        _ when (int)status >= 500 => ObjectStoreErrorKind.Unavailable,
        _ => ObjectStoreErrorKind.Failed,
    };

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
        var kind = KindOf(status);
        var reason = status switch
        {
            HttpStatusCode.Unauthorized => "the token was rejected (expired or revoked)",
            HttpStatusCode.Forbidden => "access denied: these credentials have no access to this account or container",
            HttpStatusCode.RequestedRangeNotSatisfiable => "the range lies outside the object",
            HttpStatusCode.RequestEntityTooLarge => "the upload exceeds a quota or the cluster's object size limit",
            HttpStatusCode.InsufficientStorage => "the cluster has no room left",
            HttpStatusCode.UnprocessableContent => "the bytes Swift received do not match their checksum",
            _ => kind == ObjectStoreErrorKind.Unavailable ? "the cluster is unavailable or overloaded" : "the request was refused",
        };
        return new ObjectStoreException($"Swift {what} failed with {(int)status} {response.ReasonPhrase}: {reason}{detail}{transId}.", kind);
    }

    /// <summary>Connection failures and timeouts; cancellation by the caller passes through untouched.</summary>
    public static ObjectStoreException? FromTransport(Exception e, string what, TimeSpan timeout, CancellationToken callerToken) => e switch
    {
        ObjectStoreException => null,
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        OperationCanceledException =>
            new ObjectStoreException($"Swift {what} timed out after {timeout.TotalSeconds:0.#} s.", ObjectStoreErrorKind.Unavailable, e),
        HttpRequestException or IOException =>
            new ObjectStoreException($"Swift {what} failed: connection error: {e.Message}", ObjectStoreErrorKind.Unavailable, e),
        // A malformed answer (a listing that is not JSON): a proxy or a half-sent body; asking again may get a good one.
        System.Text.Json.JsonException =>
            new ObjectStoreException($"Swift {what} answered with a malformed body: {e.Message}", ObjectStoreErrorKind.Unavailable, e),
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
