namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// A change to what describes a volume: its name and description (set, even to null, only when the flag says so) and
/// its metadata (replaced when not null).
/// </summary>
public sealed record VolumeDescription
{
    public bool SetName { get; init; }

    public string? Name { get; init; }

    public bool SetDescription { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
