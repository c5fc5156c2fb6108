namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// A trust the caller of <see cref="BackupService"/> already holds (a policy's, taken when the policy was made), for an
/// operation with no HTTP caller to take one from. <see cref="TrustId"/> is null when trusts are not in use.
/// </summary>
internal sealed record LentTrust(string? TrustId);
