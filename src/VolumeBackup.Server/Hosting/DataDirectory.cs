namespace VolumeBackup.Server.Hosting;

/// <summary>The layout of the data directory: everything the embedded default keeps lives here.</summary>
internal sealed record DataDirectory(string Root)
{
    public string DatabaseFile => Path.Combine(Root, "volumebackup.db");

    public string TokenFile => Path.Combine(Root, "tokens.json");

    /// <summary>Sparse volume files of the file volume driver.</summary>
    public string Volumes => Path.Combine(Root, "volumes");

    /// <summary>Reflink clones of the volumes, one directory per volume: inside volumes/, so on the same file system.</summary>
    public string Snapshots => Path.Combine(Volumes, "snapshots");

    /// <summary>Root of the filesystem object store (one directory per tenant, then per container).</summary>
    public string Objects => Path.Combine(Root, "objects");

    public void EnsureExists()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Volumes);
        Directory.CreateDirectory(Objects);
    }
}
