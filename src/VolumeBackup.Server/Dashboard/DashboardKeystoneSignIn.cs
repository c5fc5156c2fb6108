using System.Net.Http.Headers;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Dashboard;

/// <summary>
/// <c>POST /dashboard/auth/tokens</c>, mapped only in Keystone mode: Keystone's public <c>POST /v3/auth/tokens</c>
/// passed through unchanged (body in, status, body and <c>X-Subject-Token</c> out). The dashboard's Content-Security-Policy
/// lets the page talk to its own origin only, so it cannot reach Keystone itself. Nothing is kept here.
/// </summary>
internal static class DashboardKeystoneSignIn
{
    public const string Route = DashboardAssets.PathPrefix + "/auth/tokens";
    private const string SubjectTokenHeader = "X-Subject-Token";

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
    });

    public static void MapDashboardKeystoneSignIn(this IEndpointRouteBuilder endpoints, KeystoneOptions keystone)
    {
        var tokensUrl = new Uri(keystone.AuthUrl!.AbsoluteUri.TrimEnd('/') + "/auth/tokens?nocatalog");
        endpoints.MapPost(Route, (HttpContext context) => ForwardAsync(context, tokensUrl, keystone.RequestTimeout));
    }

    private static async Task ForwardAsync(HttpContext context, Uri tokensUrl, TimeSpan timeout)
    {
        // Buffered (the body is within the server's request size limit): Keystone behind uwsgi reads no chunked body.
        using var buffered = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffered, context.RequestAborted);
        using var body = new ByteArrayContent(buffered.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, tokensUrl) { Content = body };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeoutSource.CancelAfter(timeout);
        HttpResponseMessage answer;
        try
        {
            answer = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = FaultWriter.RetryAfterValue(RetryAfterHints.IdentityUnavailable);
            await context.Response.WriteAsJsonAsync(
                new { error = new { code = 503, message = "The identity service is unavailable." } }, context.RequestAborted);
            return;
        }

        using (answer)
        {
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/json";
            if (answer.Headers.TryGetValues(SubjectTokenHeader, out var token))
            {
                context.Response.Headers[SubjectTokenHeader] = token.FirstOrDefault();
            }

            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
