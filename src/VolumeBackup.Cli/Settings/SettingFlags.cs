namespace VolumeBackup.Cli.Settings;

/// <summary>The settings given on the command line (null when not given).</summary>
internal sealed record SettingFlags(string? Endpoint, string? TenantId, string? AuthToken, string? ConfigPath);
