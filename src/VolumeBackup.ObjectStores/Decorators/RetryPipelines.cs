using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>
/// The resilience pipelines of <see cref="RetryingObjectStore"/>, built once per provider and shared (they are
/// thread-safe). Only transient <see cref="ObjectStoreException"/>s and attempt timeouts are retried.
/// </summary>
internal sealed class RetryPipelines
{
    private RetryPipelines(ResiliencePipeline operation, ResiliencePipeline listing, RetryOptions options)
    {
        Operation = operation;
        Listing = listing;
        Options = options;
    }

    /// <summary>Retry around a per-attempt timeout: each attempt gets the full <see cref="RetryOptions.AttemptTimeout"/>.</summary>
    public ResiliencePipeline Operation { get; }

    /// <summary>
    /// Retry without the timeout: a listing's enumerator lives across attempts and must not hold an attempt's
    /// token; the driver's own request timeout bounds each page.
    /// </summary>
    public ResiliencePipeline Listing { get; }

    public RetryOptions Options { get; }

    public int MaxAttempts => Options.MaxRetryAttempts + 1;

    public static RetryPipelines Create(RetryOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetryPipelines(Build(options, timeProvider, withTimeout: true), Build(options, timeProvider, withTimeout: false), options);
    }

    public static bool IsRetryable(Exception e) => e is ObjectStoreException { IsTransient: true } or TimeoutRejectedException;

    private static ResiliencePipeline Build(RetryOptions options, TimeProvider? timeProvider, bool withTimeout)
    {
        var builder = new ResiliencePipelineBuilder();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRetryable),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            });
        }

        if (withTimeout)
        {
            builder.AddTimeout(options.AttemptTimeout);
        }

        return builder.Build();
    }
}
