namespace VolumeBackup.DataPath;

/// <summary>
/// One container lock as a lock store keeps it. <paramref name="Key"/> names it within its container
/// (<c>&lt;kind&gt;-&lt;owner&gt;</c>); <paramref name="Kind"/> is backup, restore, delete or prune;
/// <paramref name="Holder"/> is the <see cref="ILockOwner.Id"/> of the operation's owner, or null.
/// </summary>
public sealed record StoredLock(string Key, string Kind, string Owner, DateTimeOffset RefreshedAt, string? Holder);
