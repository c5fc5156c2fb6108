using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_on_the_same_data_directory_keeps_volumes_files_and_tokens()
    {
        await using var server = await TestServer.StartAsync();
        await RestartKeepsEverythingAsync(server);
    }

    [Fact]
    public async Task A_server_on_postgres_serves_volumes_and_keeps_them_across_a_restart()
    {
        await PostgresServer.RequireAsync();
        var connectionString = await PostgresServer.CreateDatabaseAsync("vb_server", TestContext.Current.CancellationToken);
        try
        {
            await using var server = await TestServer.StartAsync(new ServerSettings
            {
                Database = DatabaseProvider.Postgres,
                ConnectionString = connectionString,
            });
            await RestartKeepsEverythingAsync(server);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task RestartKeepsEverythingAsync(TestServer server)
    {
        var tokens = server.Tokens;
        string before;
        using (var client = server.CreateClient(tokens.Demo))
        {
            await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1, "display_name": "a"}}"""));
            await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 2, "metadata": {"k": "v"}}}"""));
            before = (await ApiAssert.OkJsonAsync(await client.GetPathAsync("v1.1/demo/os-volumes"))).GetRawText();
        }

        await server.RestartAsync();

        Assert.Equal(tokens, server.Tokens);
        using var again = server.CreateClient(tokens.Demo);
        var after = (await ApiAssert.OkJsonAsync(await again.GetPathAsync("v1.1/demo/os-volumes"))).GetRawText();
        Assert.Equal(before, after);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(server.DataDirectory, "volumes")).Length);
    }
}
