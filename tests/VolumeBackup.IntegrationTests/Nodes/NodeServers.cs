using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Nodes;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Nodes;

/// <summary>Servers as nodes of one deployment, and the rows a test arranges or reads beside the API.</summary>
internal static class NodeServers
{
    /// <summary>A node named <paramref name="host"/> with fast heartbeats (a host is down after a second).</summary>
    public static ServerSettings Node(
        string host, DatabaseProvider database = DatabaseProvider.Sqlite, string? connectionString = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VolumeBackup:NodeHost"] = host,
            ["VolumeBackup:Nodes:HeartbeatInterval"] = "00:00:00.200",
            ["VolumeBackup:Nodes:DownAfter"] = "00:00:01",
            ["VolumeBackup:Nodes:GracePeriod"] = "00:10:00",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new ServerSettings { Settings = settings, Database = database, ConnectionString = connectionString };
    }

    public static async Task<T> WithDbAsync<T>(TestServer server, Func<VolumeBackupDbContext, Task<T>> work)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>());
    }

    /// <summary>Writes (or rewrites) the row of another node, last heard from at <paramref name="heartbeatAt"/>.</summary>
    public static Task SetNodeAsync(TestServer server, string host, DateTimeOffset heartbeatAt, string roles = "api,worker") =>
        WithDbAsync(server, async db =>
        {
            await new NodeStore(db).UpsertAsync(
                new NodeRecord
                {
                    Host = host, Roles = roles, Instance = "test", MaxJobs = 2, StartedAt = heartbeatAt, HeartbeatAt = heartbeatAt,
                },
                CancellationToken.None);
            return true;
        });

    /// <summary>Moves a volume to another host, as if it had been made there.</summary>
    public static Task MoveVolumeAsync(TestServer server, string volumeId, string host) =>
        WithDbAsync(server, async db =>
        {
            Assert.True(RouteIds.TryParse(volumeId, out var id));
            return await db.Volumes.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Host, host));
        });

    public static Task<List<JobRecord>> JobsAsync(TestServer server) =>
        WithDbAsync(server, db => db.Jobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());

    public static Task<NodeRecord?> NodeAsync(TestServer server, string host) =>
        WithDbAsync(server, db => db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Host == host));

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
