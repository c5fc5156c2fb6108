using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Polly;

namespace VolumeBackup.Client.Http;

/// <summary>
/// Sends one API call: tenant-relative path, <c>X-Auth-Token</c>, JSON envelopes, faults as exceptions.
/// Only GETs go through the retry pipeline (see <see cref="TransientRetry"/>).
/// </summary>
internal sealed class ApiTransport
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("volume-backup-client", "1.0");

    private readonly HttpClient _http;
    private readonly Uri _tenantBase;
    private readonly string _authToken;
    private readonly ResiliencePipeline<HttpResponseMessage> _getPipeline;

    public ApiTransport(HttpClient http, VolumeBackupClientOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AuthToken);
        _http = http;
        _tenantBase = ServiceEndpoint.TenantBase(options.Endpoint, options.TenantId);
        _authToken = options.AuthToken;
        _getPipeline = TransientRetry.Build(options);
    }

    public Uri TenantBase => _tenantBase;

    public async Task<T> GetAsync<T>(string path, string envelope, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        using var response = await _getPipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Self.SendOnceAsync(HttpMethod.Get, state.Path, null, token)),
            (Self: this, Path: path),
            ct).ConfigureAwait(false);
        return await ReadAsync(response, envelope, typeInfo, ct).ConfigureAwait(false);
    }

    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path,
        string requestEnvelope,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        string responseEnvelope,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
    {
        var body = JsonEnvelope.Wrap(requestEnvelope, request, requestType);
        using var response = await SendOnceAsync(HttpMethod.Post, path, body, ct).ConfigureAwait(false);
        return await ReadAsync(response, responseEnvelope, responseType, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a PUT once (not retried, as a POST): an update is not assumed idempotent.</summary>
    public async Task<TResponse> PutAsync<TRequest, TResponse>(
        string path,
        string requestEnvelope,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        string responseEnvelope,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
    {
        var body = JsonEnvelope.Wrap(requestEnvelope, request, requestType);
        using var response = await SendOnceAsync(HttpMethod.Put, path, body, ct).ConfigureAwait(false);
        return await ReadAsync(response, responseEnvelope, responseType, ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, CancellationToken ct)
    {
        using var response = await SendOnceAsync(HttpMethod.Delete, path, null, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FaultReader.ReadAsync(response, ct).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string envelope, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FaultReader.ReadAsync(response, ct).ConfigureAwait(false);
        }

        var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await JsonEnvelope.UnwrapAsync(body, envelope, typeInfo, ct).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_tenantBase, path));
        request.Headers.Accept.Add(Json);
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", _authToken);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
    }
}
