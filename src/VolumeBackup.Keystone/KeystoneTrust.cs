namespace VolumeBackup.Keystone;

/// <summary>A trust: the trustor lets the trustee act in the project with the delegated roles until it expires or is deleted.</summary>
public sealed record KeystoneTrust(string Id, string ProjectId, string TrustorUserId, string TrusteeUserId, DateTimeOffset? ExpiresAt);
