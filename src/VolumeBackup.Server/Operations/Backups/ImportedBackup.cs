namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// A validated backup record to import: the backup's Cinder id and facts, and <see cref="ManifestId"/>, the name of its
/// root manifest in <see cref="Container"/> (the id the deployment that made it gave it).
/// </summary>
internal sealed record ImportedBackup(Guid Uuid, string Container, string ManifestId)
{
    public string? DisplayName { get; init; }

    public string? DisplayDescription { get; init; }

    public bool IsIncremental { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
