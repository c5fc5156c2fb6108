namespace VolumeBackup.ObjectStores;

/// <summary>The names every driver accepts: the intersection of what Swift and a POSIX file system allow safely.</summary>
public static class ObjectKeys
{
    /// <summary>Container names: 1-256 bytes, no '/', not "." or "..", no control characters.</summary>
    public static bool IsValidContainer(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 256
        && name is not ("." or "..")
        && !name.Contains('/', StringComparison.Ordinal)
        && !name.Any(char.IsControl);

    /// <summary>Object keys: 1-1024 characters of '/'-separated segments, none empty, "." or "..", no control characters.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key)
        && key.Length <= 1024
        && !key.Any(char.IsControl)
        && key.Split('/').All(s => s.Length > 0 && s is not ("." or ".."));

    public static void EnsureValidKey(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"'{key}' is not a valid object key.", nameof(key));
        }
    }
}
