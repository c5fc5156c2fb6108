using System.CommandLine;
using VolumeBackup.Cli.Output;
using VolumeBackup.Cli.Settings;

namespace VolumeBackup.Cli.Commands;

/// <summary>The options every command accepts (declared once on the root, recursive).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint", "--os-endpoint")
    {
        Description = "Service root URL, e.g. http://127.0.0.1:8774 [env: VOLUME_BACKUP_URL]",
        Recursive = true,
        HelpName = "url",
    };

    public Option<string?> TenantId { get; } = new("--os-tenant-id", "--os-project-id")
    {
        Description = "Tenant (project) id [env: OS_TENANT_ID or OS_PROJECT_ID]",
        Recursive = true,
        HelpName = "id",
    };

    public Option<string?> AuthToken { get; } = new("--os-auth-token", "--os-token")
    {
        Description = "Token sent as X-Auth-Token [env: OS_AUTH_TOKEN]",
        Recursive = true,
        HelpName = "token",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file [env: VOLUME_BACKUP_CONFIG; default: ~/.config/volume-backup/config.json]",
        Recursive = true,
        HelpName = "path",
    };

    public Option<string> Format { get; } = new Option<string>("--format", "-f")
    {
        Description = "Output format: table, or json (the API's objects)",
        Recursive = true,
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "table", "json");

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print ids only, one per line; no progress",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Endpoint, TenantId, AuthToken, Config, Format, Quiet];

    public OutputFormat FormatOf(ParseResult parse) =>
        string.Equals(parse.GetValue(Format), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Table;

    public SettingFlags Flags(ParseResult parse) =>
        new(parse.GetValue(Endpoint), parse.GetValue(TenantId), parse.GetValue(AuthToken), parse.GetValue(Config));
}
