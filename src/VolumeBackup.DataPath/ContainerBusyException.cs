namespace VolumeBackup.DataPath;

/// <summary>
/// A backup or delete run with an <see cref="ILockOwner"/> found a sweep running in its container. It left no lock and
/// changed nothing; the caller runs it again after <see cref="RetryAfter"/> rather than holding a worker while it waits.
/// </summary>
public sealed class ContainerBusyException : Exception
{
    public ContainerBusyException(string container, TimeSpan retryAfter)
        : base($"A sweep is running in container {container}; try again in {retryAfter.TotalSeconds:0.#} s.")
    {
        Container = container;
        RetryAfter = retryAfter;
    }

    public ContainerBusyException() : this(string.Empty, TimeSpan.Zero) { }

    public ContainerBusyException(string message) : base(message) { Container = string.Empty; }

    public ContainerBusyException(string message, Exception inner) : base(message, inner) { Container = string.Empty; }

    public string Container { get; }

    public TimeSpan RetryAfter { get; }
}
