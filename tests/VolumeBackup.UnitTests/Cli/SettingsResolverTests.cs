using VolumeBackup.Cli;
using VolumeBackup.Cli.Settings;

namespace VolumeBackup.UnitTests.Cli;

public sealed class SettingsResolverTests : IDisposable
{
    private static readonly SettingFlags NoFlags = new(null, null, null, null);
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_config_file()
    {
        TestEnvironment.WriteConfig(_env.DefaultConfigPath, """{"endpoint": "http://config:1", "tenant_id": "t-config", "auth_token": "k-config"}""");
        _env.Variables["OS_TENANT_ID"] = "t-env";
        _env.Variables["OS_AUTH_TOKEN"] = "k-env";

        var settings = SettingsResolver.Resolve(new SettingFlags(null, null, "k-flag", null), _env.Environment);

        Assert.Equal(new ConnectionSettings(new Uri("http://config:1"), "t-env", "k-flag"), settings);
    }

    [Fact]
    public void OS_PROJECT_ID_stands_in_for_OS_TENANT_ID_and_VOLUME_BACKUP_URL_gives_the_endpoint()
    {
        _env.Variables["OS_PROJECT_ID"] = "p1";
        _env.Variables["OS_AUTH_TOKEN"] = "k";
        _env.Variables["VOLUME_BACKUP_URL"] = "http://127.0.0.1:8774";

        var settings = SettingsResolver.Resolve(NoFlags, _env.Environment);

        Assert.Equal("p1", settings.TenantId);
        Assert.Equal(new Uri("http://127.0.0.1:8774"), settings.Endpoint);
    }

    [Fact]
    public void An_endpoint_copied_from_the_catalog_names_the_tenant()
    {
        var settings = SettingsResolver.Resolve(new SettingFlags("http://h:8774/v1.1/abc", null, "k", null), _env.Environment);

        Assert.Equal("abc", settings.TenantId);
    }

    [Fact]
    public void Every_missing_setting_is_named_with_its_flag_variable_and_config_key()
    {
        _env.Variables["OS_AUTH_TOKEN"] = "k";

        var e = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(NoFlags, _env.Environment));

        Assert.StartsWith("Missing settings: endpoint, tenant id.", e.Message, StringComparison.Ordinal);
        Assert.Contains("--endpoint, set VOLUME_BACKUP_URL", e.Message, StringComparison.Ordinal);
        Assert.Contains("--os-tenant-id, set OS_TENANT_ID or OS_PROJECT_ID", e.Message, StringComparison.Ordinal);
        Assert.Contains($"\"tenant_id\" in {_env.DefaultConfigPath}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("auth token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XDG_CONFIG_HOME_moves_the_default_config_file()
    {
        var configHome = Path.Combine(_env.Home, "xdg");
        _env.Variables["XDG_CONFIG_HOME"] = configHome;
        TestEnvironment.WriteConfig(Path.Combine(configHome, "volume-backup", "config.json"),
            """{"endpoint": "http://x:1", "tenant_id": "t", "auth_token": "k", }""");

        Assert.Equal("t", SettingsResolver.Resolve(NoFlags, _env.Environment).TenantId);
    }

    [Fact]
    public void A_config_file_named_with_the_flag_must_exist()
    {
        var path = Path.Combine(_env.Home, "absent.json");

        var e = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(new SettingFlags(null, null, null, path), _env.Environment));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_that_is_not_json_is_reported_with_its_path()
    {
        TestEnvironment.WriteConfig(_env.DefaultConfigPath, "endpoint = http://x");

        var e = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(NoFlags, _env.Environment));

        Assert.Contains($"The config file {_env.DefaultConfigPath} is not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8774")]
    [InlineData("ftp://host/")]
    public void An_endpoint_that_is_not_an_http_url_is_a_usage_error(string endpoint)
    {
        var e = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(new SettingFlags(endpoint, "t", "k", null), _env.Environment));

        Assert.Contains(endpoint, e.Message, StringComparison.Ordinal);
    }
}
