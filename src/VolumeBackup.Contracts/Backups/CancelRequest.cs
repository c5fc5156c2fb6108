namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of cancel, <c>{"cancel": {}}</c>: it carries nothing (the server reads none).</summary>
public sealed record CancelRequest;
