namespace VolumeBackup.Server.Telemetry;

/// <summary>One job kind's share of the queue when it was last read.</summary>
internal sealed record QueuedKind(string Kind, long Count, double OldestAgeSeconds);
