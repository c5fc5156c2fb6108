using System.Data.Common;
using Polly;
using Polly.Retry;

namespace VolumeBackup.Server.Hosting;

/// <summary>
/// A node that starts while its database is still coming up (a host reboot brings both up at once, a failover moves
/// PostgreSQL, a loaded machine answers its first connection late) waits for it instead of exiting: transient errors
/// (refused, reset, timed out, "the database system is starting up") are retried with back-off for
/// <see cref="DatabaseOptions.StartupWait"/>. Anything else (a wrong password, a missing database) stops the start
/// at once, since waiting would not fix it.
/// </summary>
internal static class DatabaseStartupWait
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);

    public static ResiliencePipeline Build(TimeSpan budget, TimeProvider time, ILogger logger)
    {
        var deadline = time.GetUtcNow() + budget;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e) && time.GetUtcNow() < deadline),
                OnRetry = args =>
                {
                    logger.DatabaseNotReadyAtStart(
                        args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, budget.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The provider's own word (<see cref="DbException.IsTransient"/>), looked for through wrapping exceptions.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        DbException { IsTransient: true } or TimeoutException => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
