namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>
/// The allow-list of paths an admin may adopt (<c>VolumeBackup:Volumes:ManageablePaths</c>). Entries are matched against
/// the canonical path only, so no symlink or <c>..</c> leads out of them. An entry is an exact path, a directory
/// (everything beneath it, at any depth), or a name prefix ending in <c>*</c> that matches names in that one directory.
/// </summary>
internal sealed class ManageablePaths(IReadOnlyList<string> entries)
{
    public bool IsEnabled => entries.Count > 0;

    /// <summary>Whether a configured entry is usable: absolute, not the root (that would allow every file), no NUL.</summary>
    public static bool IsValidEntry(string? entry) =>
        !string.IsNullOrEmpty(entry) && entry[0] == '/' && entry.TrimEnd('/', '*').Length > 0 && !entry.Contains('\0', StringComparison.Ordinal)
        && entry.IndexOf('*', StringComparison.Ordinal) is var star && (star < 0 || star == entry.Length - 1);

    /// <summary>Whether the canonical <paramref name="path"/> is inside one of the entries.</summary>
    public bool Allows(string path) => entries.Any(entry => Matches(entry, path));

    private static bool Matches(string entry, string path)
    {
        if (entry.EndsWith('*'))
        {
            var prefix = entry[..^1];
            return path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length
                && !path.AsSpan(prefix.Length).Contains('/'); // within the one directory the prefix names
        }

        var directory = entry.TrimEnd('/');
        return path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);
    }
}
