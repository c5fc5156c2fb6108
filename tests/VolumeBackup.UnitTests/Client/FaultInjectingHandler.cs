using System.Net;
using System.Text;

namespace VolumeBackup.UnitTests.Client;

/// <summary>
/// Fault injection for the retry tests: answers the first <c>failures</c> requests with <paramref name="failure"/>,
/// then with <paramref name="success"/>; records every request it saw.
/// </summary>
internal sealed class FaultInjectingHandler(int failures, HttpStatusCode failure, string success) : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Token)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = request.Headers.TryGetValues("X-Auth-Token", out var values) ? values.Single() : null;
        Requests.Add((request.Method, request.RequestUri!, token));
        var response = Requests.Count <= failures
            ? new HttpResponseMessage(failure) { Content = new StringContent("""{"cloudServersFault": {"message": "busy", "code": 503}}""") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(success, Encoding.UTF8, "application/json") };
        return Task.FromResult(response);
    }
}
