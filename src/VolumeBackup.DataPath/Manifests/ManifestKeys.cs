using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Manifests;

/// <summary>Object keys of roots and segments, and the rule for backup ids that become part of a key.</summary>
public static class ManifestKeys
{
    public const string BackupsPrefix = "backups/";
    public const string RootName = "manifest.json";
    public const string SegmentsPrefix = "segments/";

    public static string RootOf(string backupId)
    {
        EnsureValidId(backupId);
        return $"{BackupsPrefix}{backupId}/{RootName}";
    }

    public static string SegmentOf(Hash256 hash)
    {
        var hex = hash.ToString();
        return $"{SegmentsPrefix}{hex[..2]}/{hex}";
    }

    /// <summary>The backup id of a root's key (<c>backups/&lt;id&gt;/manifest.json</c>); false for any other key.</summary>
    public static bool TryGetBackupId(string key, out string backupId)
    {
        backupId = string.Empty;
        var suffix = "/" + RootName;
        if (!key.StartsWith(BackupsPrefix, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal)
            || key.Length <= BackupsPrefix.Length + suffix.Length)
        {
            return false;
        }

        var id = key[BackupsPrefix.Length..^suffix.Length];
        if (!IsValidId(id))
        {
            return false;
        }

        backupId = id;
        return true;
    }

    /// <summary>Ids are 1-128 characters of letters, digits, '-' and '_' (UUIDs and decimal ids both qualify).</summary>
    public static void EnsureValidId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a valid backup id.", nameof(id));
        }
    }

    /// <summary>Whether <paramref name="id"/> may name a backup's root (see <see cref="EnsureValidId"/>).</summary>
    public static bool IsValidId(string id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
