using System.Net;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// One Swift account and its token, shared by every container store opened on it. Sends requests with the current
/// token; on a 401 it authenticates again once (when it holds a user and key, or credentials supplied by the caller)
/// and repeats the request.
/// </summary>
internal sealed class SwiftAccount : IDisposable
{
    private readonly HttpClient _http;
    private readonly SwiftAccountCredentials _credentials;
    private readonly IStoreCredentials? _supplied;
    private readonly Uri? _authUrl;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private SwiftSession? _session;
    private SwiftCapabilities? _capabilities;

    public SwiftAccount(HttpClient http, SwiftAccountCredentials credentials, Uri? defaultAuthUrl, TimeSpan requestTimeout)
    {
        _http = http;
        _credentials = credentials;
        _authUrl = credentials.AuthUrl ?? defaultAuthUrl;
        RequestTimeout = requestTimeout;
        CanAuthenticate = credentials.CanAuthenticate(defaultAuthUrl);
        if (credentials.Token is not null && credentials.StorageUrl is not null)
        {
            _session = new SwiftSession(credentials.StorageUrl, credentials.Token);
        }
        else if (!CanAuthenticate)
        {
            throw new ArgumentException("Swift credentials need a user, a key and an auth URL, or a token and a storage URL.", nameof(credentials));
        }
    }

    /// <summary>An account reached with credentials supplied per job or request (see <see cref="IStoreCredentials"/>).</summary>
    public SwiftAccount(HttpClient http, IStoreCredentials supplied, TimeSpan requestTimeout)
    {
        _http = http;
        _supplied = supplied;
        _credentials = new SwiftAccountCredentials();
        RequestTimeout = requestTimeout;
        CanAuthenticate = true;
    }

    public TimeSpan RequestTimeout { get; }

    public bool CanAuthenticate { get; }

    /// <summary>
    /// Runs one request (its response body included) under the per-request timeout, turning connection errors and
    /// timeouts into transient <see cref="ObjectStoreException"/>s. Cancellation through <paramref name="ct"/> passes through.
    /// </summary>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            return await request(timeout.Token);
        }
        catch (Exception e) when (SwiftErrors.FromTransport(e, what, RequestTimeout, ct) is { } error)
        {
            throw error;
        }
    }

    public Task RunAsync(string what, Func<CancellationToken, Task> request, CancellationToken ct) =>
        RunAsync(what, async t => { await request(t); return true; }, ct);

    /// <summary>Sends a request built for the current session; repeats it once with a fresh token after a 401.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<SwiftSession, HttpRequestMessage> build, HttpCompletionOption completion, CancellationToken ct)
    {
        var session = _session ?? await RenewAsync(null, ct);
        var response = await SendOnceAsync(build, session, completion, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && CanAuthenticate)
        {
            response.Dispose();
            session = await RenewAsync(session, ct);
            response = await SendOnceAsync(build, session, completion, ct);
        }

        return response;
    }

    /// <summary>The cluster's features from <c>/info</c>; none when it does not answer (then the store does without).</summary>
    public async Task<SwiftCapabilities> GetCapabilitiesAsync(CancellationToken ct)
    {
        if (_capabilities is { } known)
        {
            return known;
        }

        var session = _session ?? await RenewAsync(null, ct);
        try
        {
            using var response = await _http.GetAsync(SwiftCapabilities.InfoUrl(session.StorageUrl), ct);
            if (response.IsSuccessStatusCode)
            {
                return _capabilities = SwiftCapabilities.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            }

            // 404: /info is switched off (a permanent answer); anything else: ask again next time.
            return response.StatusCode == HttpStatusCode.NotFound ? _capabilities = SwiftCapabilities.None : SwiftCapabilities.None;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            return SwiftCapabilities.None;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        Func<SwiftSession, HttpRequestMessage> build, SwiftSession session, HttpCompletionOption completion, CancellationToken ct)
    {
        using var request = build(session);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", session.Token);
        return await _http.SendAsync(request, completion, ct);
    }

    /// <summary>Authenticates unless another request already replaced <paramref name="stale"/>: many requests failing
    /// with 401 at once cause one authentication, not one each.</summary>
    private async Task<SwiftSession> RenewAsync(SwiftSession? stale, CancellationToken ct)
    {
        await _authLock.WaitAsync(ct);
        try
        {
            if (_session is { } current && current != stale)
            {
                return current;
            }

            return _session = _supplied is null ? await AuthenticateAsync(ct) : await AskSuppliedAsync(stale, ct);
        }
        finally
        {
            _authLock.Release();
        }
    }

    private async Task<SwiftSession> AskSuppliedAsync(SwiftSession? stale, CancellationToken ct)
    {
        var session = await _supplied!.AuthenticateAsync(stale is null ? null : new StoreSession(stale.StorageUrl, stale.Token), ct);
        return new SwiftSession(session.StorageUrl, session.Token);
    }

    private async Task<SwiftSession> AuthenticateAsync(CancellationToken ct)
    {
        var what = $"authentication of {_credentials.Describe()} at {_authUrl}";
        using var request = new HttpRequestMessage(HttpMethod.Get, _authUrl);
        request.Headers.TryAddWithoutValidation("X-Auth-User", _credentials.User);
        request.Headers.TryAddWithoutValidation("X-Auth-Key", _credentials.Key);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ObjectStoreException($"Swift {what} failed with {(int)response.StatusCode}: wrong user or key.", ObjectStoreErrorKind.AccessDenied);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await SwiftErrors.FromResponseAsync(response, what, _authUrl?.ToString() ?? string.Empty, ct);
        }

        var token = Header(response, "X-Auth-Token") ?? Header(response, "X-Storage-Token");
        // A configured storage URL wins over the one the auth service names (a proxy in front of Swift, say).
        var storage = _credentials.StorageUrl ?? (Header(response, "X-Storage-Url") is { } s ? new Uri(s) : null);
        if (token is null || storage is null)
        {
            throw new ObjectStoreException($"Swift {what} answered without a token or storage URL.", isTransient: false);
        }

        return new SwiftSession(storage, token);
    }

    public void Dispose() => _authLock.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
