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

    /// <summary>Ids are 1-128 characters of letters, digits, '-' and '_' (UUIDs and decimal ids both qualify).</summary>
    public static void EnsureValidId(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{id}' is not a valid backup id.", nameof(id));
        }
    }
}
