namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>How <see cref="RetryingObjectStore"/> retries transient failures: capped exponential backoff with jitter.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; it doubles with each further one.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No delay between attempts is longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomises delays so that many parallel requests failing together do not retry in lockstep.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Longest time one attempt of one operation may take (a whole 4 MiB upload, say) before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
