namespace VolumeBackup.Domain.Policies;

/// <summary>One backup a policy made, as retention sees it: when it was made and whether it is usable (<c>available</c>).</summary>
public sealed record RetentionCandidate(long Id, DateTimeOffset CreatedAt, bool Available);
