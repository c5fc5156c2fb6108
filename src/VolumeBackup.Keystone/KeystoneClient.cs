using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VolumeBackup.Keystone;

/// <summary>
/// The Keystone v3 calls the service makes. Every failure is a <see cref="KeystoneException"/>: unavailable (no answer,
/// timeout, 5xx) or refused (an HTTP status). Thread-safe; the <see cref="HttpClient"/> is the caller's.
/// </summary>
public sealed class KeystoneClient
{
    private const string SubjectTokenHeader = "X-Subject-Token";
    private const string AuthTokenHeader = "X-Auth-Token";
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    /// <param name="http">Sends the requests; its own timeout is not relied on.</param>
    /// <param name="authUrl">Keystone's URL, with or without the <c>/v3</c> suffix (<c>http://keystone:5000/v3</c>).</param>
    /// <param name="requestTimeout">Longest time one request may take before Keystone counts as unavailable.</param>
    public KeystoneClient(HttpClient http, Uri authUrl, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authUrl);
        _http = http;
        _requestTimeout = requestTimeout;
        var root = authUrl.AbsoluteUri.TrimEnd('/');
        BaseUrl = new Uri((root.EndsWith("/v3", StringComparison.Ordinal) ? root : root + "/v3") + "/");
    }

    /// <summary>The v3 root, ending in <c>/v3/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Logs in with a password; the token comes scoped to <paramref name="scope"/>, catalog included.</summary>
    public async Task<KeystoneToken> AuthenticateAsync(KeystonePasswordCredentials user, KeystoneScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        var what = $"login of {user} scoped to {scope}";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "auth/tokens")) { Content = Json(KeystoneRequests.PasswordAuth(user, scope)) },
            what, ct);
        await EnsureSuccessAsync(response, what, ct);
        var token = response.Headers.TryGetValues(SubjectTokenHeader, out var values) ? values.FirstOrDefault() : null;
        return await ReadTokenAsync(response, token ?? throw Refused(what, response.StatusCode, "no X-Subject-Token header"), what, ct);
    }

    /// <summary>
    /// What <paramref name="subjectToken"/> says, checked with <paramref name="authToken"/> (the service's own token), or
    /// null when Keystone does not know it (bad, expired or revoked: 404). A 401 means <paramref name="authToken"/>
    /// itself was refused (<see cref="KeystoneException.IsUnauthorized"/>).
    /// </summary>
    public async Task<KeystoneToken?> ValidateAsync(string authToken, string subjectToken, CancellationToken ct)
    {
        const string what = "validation of a token";
        using var response = await SendAsync(() => WithTokens(HttpMethod.Get, "auth/tokens", authToken, subjectToken), what, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, what, ct);
        return await ReadTokenAsync(response, subjectToken, what, ct);
    }

    /// <summary>Revokes <paramref name="subjectToken"/> (its owner or an admin may).</summary>
    public async Task RevokeTokenAsync(string authToken, string subjectToken, CancellationToken ct)
    {
        const string what = "revocation of a token";
        using var response = await SendAsync(() => WithTokens(HttpMethod.Delete, "auth/tokens", authToken, subjectToken), what, ct);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, what, ct);
        }
    }

    /// <summary>
    /// Creates a trust with the trustor's own token: <paramref name="trusteeUserId"/> may then act in
    /// <paramref name="projectId"/> with <paramref name="roles"/> (which the trustor must hold there) until
    /// <paramref name="expiresAt"/> or until the trust is deleted.
    /// </summary>
    public async Task<KeystoneTrust> CreateTrustAsync(
        string trustorToken, string trustorUserId, string trusteeUserId, string projectId, IEnumerable<string> roles,
        DateTimeOffset? expiresAt, bool impersonation, CancellationToken ct)
    {
        var what = $"creation of a trust for project {projectId}";
        var body = KeystoneRequests.Trust(trustorUserId, trusteeUserId, projectId, roles, expiresAt, impersonation);
        using var response = await SendAsync(() =>
        {
            var request = WithTokens(HttpMethod.Post, "OS-TRUST/trusts", trustorToken, subjectToken: null);
            request.Content = Json(body);
            return request;
        }, what, ct);
        await EnsureSuccessAsync(response, what, ct);
        var trust = (await ReadAsync(response, KeystoneJsonContext.Default.TrustResponse, what, ct)).Trust;
        if (trust?.Id is null)
        {
            throw Refused(what, response.StatusCode, "the answer names no trust");
        }

        return new KeystoneTrust(trust.Id, trust.ProjectId ?? projectId, trust.TrustorUserId ?? trustorUserId,
            trust.TrusteeUserId ?? trusteeUserId, trust.ExpiresAt);
    }

    /// <summary>Deletes a trust; false when it was already gone. The trustor or an admin token may.</summary>
    public async Task<bool> DeleteTrustAsync(string authToken, string trustId, CancellationToken ct)
    {
        var what = $"deletion of trust {trustId}";
        using var response = await SendAsync(() => WithTokens(HttpMethod.Delete, $"OS-TRUST/trusts/{Uri.EscapeDataString(trustId)}", authToken, null), what, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, what, ct);
        return true;
    }

    private HttpRequestMessage WithTokens(HttpMethod method, string path, string authToken, string? subjectToken)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUrl, path));
        request.Headers.TryAddWithoutValidation(AuthTokenHeader, authToken);
        if (subjectToken is not null)
        {
            request.Headers.TryAddWithoutValidation(SubjectTokenHeader, subjectToken);
        }

        return request;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Sends one request under the request timeout; no answer becomes an "unavailable" <see cref="KeystoneException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_requestTimeout);
        using var request = build();
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new KeystoneException($"Keystone at {BaseUrl} is unavailable: the {what} answered {(int)status}.", status, isUnavailable: true);
            }

            return response;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new KeystoneException(
                $"Keystone at {BaseUrl} is unavailable: the {what} got no answer within {_requestTimeout.TotalSeconds:0.#} s.", null, isUnavailable: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new KeystoneException($"Keystone at {BaseUrl} is unavailable: the {what} failed: {e.Message}", null, isUnavailable: true, e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ReadErrorAsync(response, ct);
        throw Refused(what, response.StatusCode, detail);
    }

    private KeystoneException Refused(string what, HttpStatusCode status, string detail) =>
        new($"Keystone at {BaseUrl} refused the {what}: {(int)status} {detail}".TrimEnd(), status, isUnavailable: false);

    // Keystone's error body: {"error": {"code": 401, "message": "...", "title": "Unauthorized"}}.
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                ? message.GetString() ?? string.Empty
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync(body, type, ct) ?? throw Refused(what, response.StatusCode, "an empty answer");
        }
        catch (JsonException e)
        {
            throw new KeystoneException($"Keystone at {BaseUrl} answered the {what} with a body that is not its JSON: {e.Message}", response.StatusCode, isUnavailable: true, e);
        }
    }

    private async Task<KeystoneToken> ReadTokenAsync(HttpResponseMessage response, string value, string what, CancellationToken ct)
    {
        var body = (await ReadAsync(response, KeystoneJsonContext.Default.TokenResponse, what, ct)).Token
            ?? throw Refused(what, response.StatusCode, "the answer holds no token");
        var catalog = (body.Catalog ?? [])
            .Where(c => c.Type is not null)
            .Select(c => new KeystoneCatalogEntry(c.Type!, c.Name, (c.Endpoints ?? [])
                .Where(e => e.Interface is not null && e.Url is not null)
                .Select(e => new KeystoneEndpoint(e.Interface!, e.RegionId ?? e.Region, e.Url!))
                .ToList()))
            .ToList();
        return new KeystoneToken(
            value,
            body.ExpiresAt,
            body.User?.Id ?? string.Empty,
            body.User?.Name ?? string.Empty,
            body.Project?.Id,
            body.Project?.Name,
            (body.Roles ?? []).Select(r => r.Name).OfType<string>().ToList(),
            body.Trust?.Id,
            catalog);
    }
}
