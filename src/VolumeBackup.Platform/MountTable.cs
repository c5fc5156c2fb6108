namespace VolumeBackup.Platform;

/// <summary>The type of the file system a path is on (ext4, xfs, btrfs...), from the mount table, for messages.</summary>
public static class MountTable
{
    /// <summary>The type of the mount that holds <paramref name="path"/> (its longest mount point prefix); null when unknown.</summary>
    public static string? FileSystemTypeOf(string path)
    {
        const string mounts = "/proc/self/mounts";
        if (!File.Exists(mounts))
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        string? type = null;
        var longest = -1;
        foreach (var line in File.ReadLines(mounts))
        {
            // "<device> <mount point> <type> <options> 0 0"; spaces in a mount point are written \040.
            if (line.Split(' ') is not [_, var escaped, var fsType, ..])
            {
                continue;
            }

            var point = escaped.Replace("\\040", " ", StringComparison.Ordinal);
            if (Contains(point, full) && point.Length >= longest)
            {
                (type, longest) = (fsType, point.Length); // later lines of the same point are mounted over earlier ones
            }
        }

        return type;
    }

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/"
        || path == mountPoint
        || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);
}
