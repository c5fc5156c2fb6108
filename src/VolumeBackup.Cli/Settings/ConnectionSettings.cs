namespace VolumeBackup.Cli.Settings;

/// <summary>The three settings every API command needs.</summary>
internal sealed record ConnectionSettings(Uri Endpoint, string TenantId, string AuthToken);
