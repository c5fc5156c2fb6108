namespace VolumeBackup.Cli.Settings;

/// <summary>Where one setting may come from, in the order they are tried (used for lookups and the "missing" message).</summary>
internal sealed record SettingSource(string Name, string Flag, IReadOnlyList<string> Variables, string ConfigKey);
