namespace VolumeBackup.Server.Jobs;

/// <summary>A job failure whose <see cref="Exception.Message"/> is written for the user: it becomes the backup's fail_reason.</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(string message) : base(message) { }

    public JobFailedException(string message, Exception inner) : base(message, inner) { }

    public JobFailedException() : base("The job failed.") { }
}
