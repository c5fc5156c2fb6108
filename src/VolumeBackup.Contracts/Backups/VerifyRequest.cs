namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of verify: <c>{"verify": {}}</c> (it has no fields; an empty body does the same).</summary>
public sealed record VerifyRequest;
