using VolumeBackup.Testing;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Server;

/// <summary>The built server as its own process: how it starts, fails to start, and survives a kill.</summary>
public sealed class ServerProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_bad_setting_from_the_environment_stops_the_start_with_exit_code_2_naming_the_key()
    {
        using var data = new TempDataDirectory();
        await using var server = ServerProcess.Start(data.Path, environment: new Dictionary<string, string>
        {
            ["VOLUMEBACKUP_QUOTAS__GIGABYTES"] = "-1",
        });

        Assert.True(await server.WaitForExitAsync(StartTimeout), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("VolumeBackup:Quotas:Gigabytes", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_start_prints_both_tokens_once_and_a_killed_server_restarts_with_its_data()
    {
        using var data = new TempDataDirectory();
        string volumes;
        ServerTokens tokens;
        await using (var first = ServerProcess.Start(data.Path))
        {
            await first.WaitUntilHealthyAsync(StartTimeout);
            tokens = ServerTokens.Read(data.Path);
            Assert.Contains(tokens.Admin, first.Output, StringComparison.Ordinal);
            Assert.Contains(tokens.Demo, first.Output, StringComparison.Ordinal);
            using var client = Client(first, tokens.Demo);
            await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
            volumes = (await ApiAssert.OkJsonAsync(await client.GetPathAsync("v1.1/demo/os-volumes"))).GetRawText();
            first.Kill();
        }

        await using var second = ServerProcess.Start(data.Path);
        await second.WaitUntilHealthyAsync(StartTimeout);

        Assert.DoesNotContain(tokens.Demo, second.Output, StringComparison.Ordinal);
        using var again = Client(second, tokens.Demo);
        Assert.Equal(volumes, (await ApiAssert.OkJsonAsync(await again.GetPathAsync("v1.1/demo/os-volumes"))).GetRawText());
    }

    private static HttpClient Client(ServerProcess server, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }
}
