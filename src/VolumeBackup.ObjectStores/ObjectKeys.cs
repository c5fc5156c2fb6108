namespace VolumeBackup.ObjectStores;

/// <summary>The names every driver accepts: the intersection of what Swift and a POSIX file system allow safely.</summary>
public static class ObjectKeys
{
    /// <summary>
    /// The longest container name in UTF-8 bytes: Swift takes 256, but the filesystem store makes it a directory name,
    /// and file systems hold 255 bytes per name.
    /// </summary>
    public const int MaxContainerBytes = 255;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Container names: 1-255 UTF-8 bytes of valid Unicode, no '/', not "." or "..", no control characters.</summary>
    public static bool IsValidContainer(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxContainerBytes
        && IsValidUtf8Length(name, MaxContainerBytes)
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

    // Strict: a lone surrogate has no UTF-8 form, so no store could name it faithfully.
    private static bool IsValidUtf8Length(string text, int maxBytes)
    {
        try
        {
            return StrictUtf8.GetByteCount(text) <= maxBytes;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }
}
