using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace VolumeBackup.UnitTests.Client;

/// <summary>
/// Fault injection for the retry tests: answers the first <c>failures</c> requests with <paramref name="failure"/>,
/// then with <paramref name="success"/>; records every request it saw, and when (on <paramref name="time"/>). A failure
/// carries <c>Retry-After</c> when <paramref name="retryAfter"/> is given.
/// </summary>
internal sealed class FaultInjectingHandler(
    int failures, HttpStatusCode failure, string success, TimeSpan? retryAfter = null, TimeProvider? time = null) : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Token)> Requests { get; } = [];

    public List<DateTimeOffset> RequestTimes { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = request.Headers.TryGetValues("X-Auth-Token", out var values) ? values.Single() : null;
        Requests.Add((request.Method, request.RequestUri!, token));
        RequestTimes.Add((time ?? TimeProvider.System).GetUtcNow());
        if (Requests.Count > failures)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(success, Encoding.UTF8, "application/json") });
        }

        var response = new HttpResponseMessage(failure) { Content = new StringContent("""{"cloudServersFault": {"message": "busy", "code": 503}}""") };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return Task.FromResult(response);
    }
}
