namespace VolumeBackup.Server.Jobs;

/// <summary>A job failure whose <see cref="Exception.Message"/> is written for the user: it becomes the backup's fail_reason.</summary>
internal sealed class JobFailedException : Exception
{
    public JobFailedException(string message) : base(message) { }

    public JobFailedException(string message, Exception inner) : base(message, inner) { }

    /// <param name="message">The fail_reason.</param>
    /// <param name="inner">The failure with its details (for the log).</param>
    /// <param name="damagedData">The backup's stored data is damaged or missing (not the store, host or volume failing).</param>
    public JobFailedException(string message, Exception inner, bool damagedData) : base(message, inner) => DamagedData = damagedData;

    public JobFailedException() : base("The job failed.") { }

    /// <summary>The backup itself is damaged: a restore that failed for this reason marks the backup <c>error</c>.</summary>
    public bool DamagedData { get; }
}
