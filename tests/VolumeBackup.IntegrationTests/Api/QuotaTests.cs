using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

public sealed class QuotaTests
{
    [Fact]
    public async Task Going_over_the_gigabytes_quota_is_the_specs_badRequest_and_creates_nothing()
    {
        await using var server = await StartAsync(volumes: 10, gigabytes: 20);
        using var client = server.CreateClient(server.Tokens.Demo);
        await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 10}}"""));

        var response = await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 12}}""");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest",
            "Volume quota exceeded. You cannot create a volume of size 12G");
        var list = await ApiAssert.OkJsonAsync(await client.GetPathAsync("v1.1/demo/os-volumes"));
        Assert.Single(list.GetProperty("volumes").EnumerateArray());
    }

    [Fact]
    public async Task Going_over_the_volume_count_quota_is_refused_and_deleting_frees_it()
    {
        await using var server = await StartAsync(volumes: 2, gigabytes: 100);
        using var client = server.CreateClient(server.Tokens.Demo);
        var first = await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
        await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));

        await ApiAssert.FaultAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeQuotaExceeded(1));
        var id = first.GetProperty("volume").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Accepted, (await client.DeletePathAsync($"v1.1/demo/os-volumes/{id}")).StatusCode);
        await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
    }

    [Fact]
    public async Task Quotas_are_per_tenant()
    {
        await using var server = await StartAsync(volumes: 1, gigabytes: 5);
        using var demo = server.CreateClient(server.Tokens.Demo);
        using var admin = server.CreateClient(server.Tokens.Admin);
        await ApiAssert.OkJsonAsync(await demo.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 5}}"""));

        await ApiAssert.OkJsonAsync(await admin.PostRawAsync("v1.1/other/os-volumes", """{"volume": {"size": 5}}"""));
    }

    [Fact]
    public async Task Twenty_parallel_creates_on_sqlite_admit_exactly_the_quota()
    {
        await using var server = await StartAsync(volumes: 10, gigabytes: 1000);
        await TwentyParallelCreatesAdmitExactlyTenAsync(server);
    }

    [Fact]
    public async Task Twenty_parallel_creates_on_postgres_admit_exactly_the_quota()
    {
        await PostgresServer.RequireAsync();
        var connectionString = await PostgresServer.CreateDatabaseAsync("vb_quota", TestContext.Current.CancellationToken);
        try
        {
            await using var server = await StartAsync(volumes: 10, gigabytes: 1000, DatabaseProvider.Postgres, connectionString);
            await TwentyParallelCreatesAdmitExactlyTenAsync(server);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task TwentyParallelCreatesAdmitExactlyTenAsync(TestServer server)
    {
        using var client = server.CreateClient(server.Tokens.Demo);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}""")));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(10, created.Count);
        foreach (var refused in responses.Except(created))
        {
            await ApiAssert.FaultAsync(refused, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeQuotaExceeded(1));
        }

        var list = await ApiAssert.OkJsonAsync(await client.GetPathAsync("v1.1/demo/os-volumes"));
        Assert.Equal(10, list.GetProperty("volumes").GetArrayLength());
    }

    private static Task<TestServer> StartAsync(
        int volumes, int gigabytes, DatabaseProvider database = DatabaseProvider.Sqlite, string? connectionString = null) =>
        TestServer.StartAsync(new ServerSettings
        {
            Database = database,
            ConnectionString = connectionString,
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Quotas:Volumes"] = volumes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["VolumeBackup:Quotas:Gigabytes"] = gigabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
}
