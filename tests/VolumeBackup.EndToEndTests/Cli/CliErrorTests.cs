using System.Net;
using System.Net.Sockets;

namespace VolumeBackup.EndToEndTests.Cli;

[Collection(CliServerGroup.Name)]
public sealed class CliErrorTests(CliServerFixture fixture)
{
    [Fact]
    public async Task An_unknown_volume_exits_1_with_the_itemNotFound_message()
    {
        var result = await fixture.RunAsync("volume", "show", "987654");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Volume 987654 could not be found. (itemNotFound, HTTP 404)", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task An_unknown_backup_exits_1_with_the_spec_itemNotFound_message()
    {
        var result = await fixture.RunAsync("backup", "show", "987654");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Backup 987654 could not be found. (itemNotFound, HTTP 404)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_token_exits_1_with_the_unauthorized_fault()
    {
        var result = await fixture.RunAsync("volume", "list", "--os-auth-token", "not-a-token");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(unauthorized, HTTP 401)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_id_exits_1_with_the_forbidden_fault()
    {
        var result = await fixture.RunAsync("volume", "list", "--os-tenant-id", "someone-else");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(forbidden, HTTP 403)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_down_exits_3_naming_the_endpoint()
    {
        var endpoint = $"http://127.0.0.1:{UnusedPort()}";

        var result = await fixture.RunAsync("volume", "list", "--endpoint", endpoint);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"cannot reach {endpoint}/", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_exit_2_and_name_each_one_with_its_flag_and_variable()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string>(), fixture.Home, "backup", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Missing settings: endpoint, tenant id, auth token.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("pass --os-auth-token, set OS_AUTH_TOKEN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_command_line_exits_2()
    {
        var result = await fixture.RunAsync("volume", "create", "--size", "many");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("many", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_body_exits_1_with_the_badRequest_message()
    {
        var result = await fixture.RunAsync("volume", "create", "--size", "99999999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(badRequest, HTTP 400)", result.Stderr, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
