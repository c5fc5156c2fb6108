using System.Collections;

namespace VolumeBackup.Server.Hosting;

/// <summary>
/// Reads <c>VOLUMEBACKUP_QUOTAS__GIGABYTES=5</c> as <c>VolumeBackup:Quotas:Gigabytes</c>: a shorter form beside the
/// standard <c>VolumeBackup__Quotas__Gigabytes</c>. Keys are case-insensitive in .NET configuration.
/// </summary>
internal static class PrefixedEnvironmentVariables
{
    public const string Prefix = "VOLUMEBACKUP_";

    public static Dictionary<string, string?> Read() => Read(Environment.GetEnvironmentVariables());

    public static Dictionary<string, string?> Read(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                var key = name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                settings[$"{VolumeBackupOptions.SectionName}:{key}"] = (string?)entry.Value;
            }
        }

        return settings;
    }
}
