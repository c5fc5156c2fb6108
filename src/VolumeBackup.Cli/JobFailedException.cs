namespace VolumeBackup.Cli;

/// <summary>A followed job ended in error; the message is its fail_reason. Exits with <see cref="ExitCodes.JobFailed"/>.</summary>
internal sealed class JobFailedException : Exception
{
    public JobFailedException()
    {
    }

    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
