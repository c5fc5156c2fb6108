namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// The user's fields an update changes: the name and description when their flag is set (to a value or to null),
/// the metadata (replaced whole) when not null.
/// </summary>
public sealed record BackupDetailsChange(bool SetName, string? Name, bool SetDescription, string? Description)
{
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
