namespace VolumeBackup.Domain.Backups;

/// <summary>
/// What the last verification of a backup found (shown beside its status, which it never changes). Stored: only ever add.
/// </summary>
public static class BackupVerification
{
    /// <summary>No verification has run to its end.</summary>
    public const string Unverified = "unverified";

    /// <summary>Every object was there and every block's hash matched.</summary>
    public const string Verified = "verified";

    /// <summary>A block's hash did not match, or an object it needs is missing or short: a restore would fail.</summary>
    public const string Damaged = "damaged";

    public static IReadOnlyList<string> All { get; } = [Unverified, Verified, Damaged];
}
