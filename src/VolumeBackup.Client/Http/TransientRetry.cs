using System.Net;
using Polly;
using Polly.Retry;

namespace VolumeBackup.Client.Http;

/// <summary>
/// The retry pipeline for GETs: connection failures, HttpClient time-outs and the gateway statuses (502, 503, 504)
/// are worth another try; every other answer, a 500 included, is the service's final word.
/// </summary>
internal static class TransientRetry
{
    public static ResiliencePipeline<HttpResponseMessage> Build(VolumeBackupClientOptions options)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException)
                .HandleResult(IsTransient),
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        return builder.Build();
    }

    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
