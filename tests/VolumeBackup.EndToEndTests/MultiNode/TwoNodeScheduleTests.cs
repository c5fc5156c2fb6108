using System.Text.RegularExpressions;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.MultiNode;

/// <summary>
/// Two worker nodes on one PostgreSQL database, both looking for due policies ten times a second, and one policy due
/// every 2 s: each due time is run by exactly one node (the nodes' logs name every run they made), and the policy's
/// backups carry distinct due times in their names.
/// </summary>
public sealed partial class TwoNodeScheduleTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Each_due_time_of_a_policy_runs_on_exactly_one_of_two_nodes()
    {
        var db = await database.GetAsync();
        await using var cluster = await ServerCluster.StartAsync(db.ConnectionString, new ClusterOptions
        {
            Name = "two-node-schedule",
            Nodes = [new("node-a"), new("node-b")],
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:MinPolicyInterval"] = "00:00:01",
                ["VolumeBackup:Backups:SchedulerInterval"] = "00:00:00.100",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["Logging:LogLevel:VolumeBackup.Server.Operations.Policies"] = "Information",
            },
        });
        output.WriteLine($"node logs: {cluster.LogDirectory}");
        var tenant = SwiftFixture.TenantA;
        var api = cluster[0].AdminApi(tenant);
        var volume = await api.CreateVolumeAsync(1);
        using var client = cluster[1].TenantClient(tenant);
        var created = await ApiAssert.OkJsonAsync(await client.PostRawAsync($"v1.1/{tenant}/hp-volume-backup-policies",
            $$"""{"policy": {"volume_id": "{{volume}}", "container": "{{cluster.NewContainer()}}", "schedule": {"interval_seconds": 2} } }"""));
        var policyId = created.GetProperty("policy").GetProperty("id").GetString()!;

        // Let it run a few due times, then stop it and let its last backup end.
        await Task.Delay(TimeSpan.FromSeconds(13), TestContext.Current.CancellationToken);
        await ApiAssert.OkJsonAsync(await client.PutRawAsync($"v1.1/{tenant}/hp-volume-backup-policies/{policyId}", """{"policy": {"enabled": false}}"""));
        await api.WaitForVolumeStatusAsync(volume, "available");

        var runs = cluster.Nodes
            .SelectMany(n => RunLine().Matches(n.ReadLog()).Where(m => m.Groups["policy"].Value == policyId).Select(m => (Node: n.Host, Due: m.Groups["due"].Value)))
            .ToList();
        output.WriteLine(string.Join(Environment.NewLine, runs));
        Assert.InRange(runs.Count, 4, 8); // 13 s at 2 s, whoever ran them
        var twice = runs.GroupBy(r => r.Due).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"due times run more than once: {string.Join(", ", twice)}");

        var backups = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync($"{api.Backups}/detail")))
            .GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("display_name").GetString()!).ToList();
        Assert.NotEmpty(backups);
        Assert.Equal(backups.Count, backups.Distinct(StringComparer.Ordinal).Count());
        output.WriteLine($"{runs.Count} runs ({runs.Count(r => r.Node == "node-a")} on node-a), {backups.Count} backups");
    }

    [GeneratedRegex(@"Policy (?<policy>\d+): run due at (?<due>.+?): (started|skipped)")]
    private static partial Regex RunLine();
}
