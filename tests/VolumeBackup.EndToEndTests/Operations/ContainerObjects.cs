namespace VolumeBackup.EndToEndTests.Operations;

/// <summary>The objects a filesystem store keeps for one container of a server's data directory, as keys.</summary>
internal static class ContainerObjects
{
    /// <summary>Keys under <paramref name="container"/> (found by its directory name anywhere in the store) that start with <paramref name="prefixes"/>.</summary>
    public static List<string> List(string dataDirectory, string container, params string[] prefixes)
    {
        var objects = Path.Combine(dataDirectory, "objects");
        if (!Directory.Exists(objects))
        {
            return [];
        }

        var keys = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(objects, container, SearchOption.AllDirectories))
        {
            keys.AddRange(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))));
        }

        return keys;
    }
}
