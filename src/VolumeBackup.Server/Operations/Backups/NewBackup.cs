namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// A validated create-backup request, from either API surface; <see cref="Container"/> is already the default when none
/// was named. <see cref="Incremental"/> asks that an earlier backup exist (Cinder's rule); every backup after the first
/// in a container is stored incrementally whether asked or not.
/// </summary>
internal sealed record NewBackup(long VolumeId, string? DisplayName, string? DisplayDescription, string Container)
{
    public bool Incremental { get; init; }

    /// <summary>
    /// Cinder's <c>force</c> flag, which decides how an <c>in-use</c> volume is answered; null on the HP surface, which
    /// knows no such flag and answers with the spec's message.
    /// </summary>
    public bool? Force { get; init; }

    /// <summary>Cinder's <c>availability_zone</c> (3.51): must be this service's zone; null when none was asked for.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>The schedule that asked for this backup (retention prunes only these); null for a user's request.</summary>
    public long? PolicyId { get; init; }

    /// <summary>Cinder's backup metadata; null when none was given.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
