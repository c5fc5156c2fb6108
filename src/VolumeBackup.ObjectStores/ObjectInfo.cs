namespace VolumeBackup.ObjectStores;

/// <summary>What the store knows of one object. <see cref="Metadata"/> is empty in listings.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified, IReadOnlyDictionary<string, string> Metadata);
