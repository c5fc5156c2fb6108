using System.Net;
using Polly;
using Polly.Retry;

namespace VolumeBackup.Client.Http;

/// <summary>
/// The retry pipeline for GETs: connection failures, HttpClient time-outs and the gateway statuses (502, 503, 504)
/// are worth another try; every other answer, a 500 included, is the service's final word. A 503 that says how long to
/// wait (<c>Retry-After</c>) is retried after that wait, or not at all when the wait is longer than
/// <see cref="VolumeBackupClientOptions.MaxRetryAfter"/>.
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
                .HandleResult(response => IsTransient(response) && !(RetryAfter(response, options.TimeProvider) > options.MaxRetryAfter)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, options.TimeProvider) : null),
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        return builder.Build();
    }

    /// <summary>The wait the answer asks for, in seconds or as a date (RFC 9110, section 10.2.3); null when it names none.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
