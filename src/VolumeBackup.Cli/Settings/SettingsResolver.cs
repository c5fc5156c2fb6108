namespace VolumeBackup.Cli.Settings;

/// <summary>
/// Resolves the connection settings, the first found winning: command-line flag, environment variable, config file.
/// Names follow OpenStack's clients (<c>OS_AUTH_TOKEN</c>, <c>OS_TENANT_ID</c>/<c>OS_PROJECT_ID</c>).
/// </summary>
internal static class SettingsResolver
{
    public static readonly SettingSource Endpoint = new("endpoint", "--endpoint", ["VOLUME_BACKUP_URL"], "endpoint");
    public static readonly SettingSource TenantId = new("tenant id", "--os-tenant-id", ["OS_TENANT_ID", "OS_PROJECT_ID"], "tenant_id");
    public static readonly SettingSource AuthToken = new("auth token", "--os-auth-token", ["OS_AUTH_TOKEN", "OS_TOKEN"], "auth_token");

    public static ConnectionSettings Resolve(SettingFlags flags, CliEnvironment environment)
    {
        var explicitConfig = flags.ConfigPath ?? NonEmpty(environment.GetVariable(ConfigFile.PathVariable));
        var configPath = explicitConfig ?? ConfigFile.DefaultPath(environment);
        var config = ConfigFile.Load(configPath, explicitConfig is not null);

        var endpointText = First(flags.Endpoint, Endpoint, environment, config.Endpoint);
        var tenant = First(flags.TenantId, TenantId, environment, config.TenantId);
        var token = First(flags.AuthToken, AuthToken, environment, config.AuthToken);

        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new UsageException($"The endpoint '{endpointText}' is not an http:// or https:// URL.");
        }

        // OpenStack habit: an endpoint copied from the catalog ends in /v1.1/{tenant_id} and so names the tenant.
        tenant ??= TenantFromEndpoint(endpoint);

        var missing = new List<SettingSource>();
        if (endpoint is null)
        {
            missing.Add(Endpoint);
        }

        if (tenant is null)
        {
            missing.Add(TenantId);
        }

        if (token is null)
        {
            missing.Add(AuthToken);
        }

        if (missing.Count > 0)
        {
            throw new UsageException(MissingMessage(missing, configPath));
        }

        return new ConnectionSettings(endpoint!, tenant!, token!);
    }

    internal static string MissingMessage(IReadOnlyList<SettingSource> missing, string configPath)
    {
        var lines = missing.Select(m =>
            $"  {m.Name}: pass {m.Flag}, set {string.Join(" or ", m.Variables)}, or put \"{m.ConfigKey}\" in {configPath}");
        var noun = missing.Count == 1 ? "setting" : "settings";
        return $"Missing {noun}: {string.Join(", ", missing.Select(m => m.Name))}.{Environment.NewLine}"
               + string.Join(Environment.NewLine, lines);
    }

    internal static string? TenantFromEndpoint(Uri? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        var segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[^2] == "v1.1" ? Uri.UnescapeDataString(segments[^1]) : null;
    }

    private static string? First(string? flag, SettingSource source, CliEnvironment environment, string? fromConfig) =>
        NonEmpty(flag)
        ?? source.Variables.Select(v => NonEmpty(environment.GetVariable(v))).FirstOrDefault(v => v is not null)
        ?? NonEmpty(fromConfig);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
