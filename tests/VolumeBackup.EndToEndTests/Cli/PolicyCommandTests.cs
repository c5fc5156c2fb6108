using System.Text.Json;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>The <c>policy</c> commands against the real server: what they send is what the server keeps.</summary>
[Collection(CliServerGroup.Name)]
public sealed class PolicyCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Policy_create_list_show_and_delete_round_trip_through_the_server()
    {
        var volume = await fixture.CreateVolumeAsync("cli-policy-vol");
        var before = DateTimeOffset.UtcNow;

        var create = await fixture.RunAsync(
            "policy", "create", "--volume", volume.Id, "--every", "1h", "--keep-daily", "7", "--name", "hourly", "--format", "json");

        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<BackupPolicyView>(create.Stdout)!;
        Assert.Equal((volume.Id, "hourly", true), (created.VolumeId, created.Name, created.Enabled));
        Assert.Equal(3600, created.Schedule.IntervalSeconds);
        Assert.Null(created.Schedule.Cron);
        Assert.Equal(new PolicyRetentionView { KeepDaily = 7 }, created.Retention);
        var next = Assert.NotNull(created.NextRunAt);
        Assert.InRange(next, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        var list = await fixture.RunAsync("policy", "list", "--volume", volume.Id, "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var listed = Assert.Single(JsonSerializer.Deserialize<List<BackupPolicyView>>(list.Stdout)!);
        Assert.Equal(created.Id, listed.Id);

        var table = await fixture.RunAsync("policy", "show", created.Id);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("every 3600s", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("keep daily 7", table.Stdout, StringComparison.Ordinal);

        var delete = await fixture.RunAsync("policy", "delete", created.Id);
        Assert.True(delete.ExitCode == 0, delete.ToString());

        var gone = await fixture.RunAsync("policy", "show", created.Id);
        Assert.True(gone.ExitCode == 1, gone.ToString());
        Assert.Contains($"Backup policy {created.Id} could not be found.", gone.Stderr, StringComparison.Ordinal);
        var emptied = await fixture.RunAsync("policy", "list", "--volume", volume.Id, "-q");
        Assert.Equal(string.Empty, emptied.Stdout.Trim());
    }

    [Fact]
    public async Task Policy_create_with_a_cron_keeps_its_time_zone()
    {
        var volume = await fixture.CreateVolumeAsync("cli-policy-cron");

        var create = await fixture.RunAsync(
            "policy", "create", "--volume", volume.Id, "--cron", "0 2 * * *", "--time-zone", "Europe/Paris", "--disabled", "--format", "json");

        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<BackupPolicyView>(create.Stdout)!;
        Assert.Equal(("0 2 * * *", "Europe/Paris", null), (created.Schedule.Cron, created.Schedule.TimeZone, created.Schedule.IntervalSeconds));
        Assert.False(created.Enabled);
        Assert.Null(created.NextRunAt);
        Assert.True((await fixture.RunAsync("policy", "delete", created.Id)).ExitCode == 0);
    }

    [Theory]
    [InlineData("--every", "6x")]
    [InlineData("--every", "0h")]
    [InlineData("--every", "1h", "--cron", "0 2 * * *")]
    [InlineData]
    [InlineData("--every", "1h", "--keep-daily", "-1")]
    public async Task Bad_schedules_are_usage_errors_and_create_nothing(params string[] args)
    {
        var volume = await fixture.CreateVolumeAsync("cli-policy-bad");

        var result = await fixture.RunAsync(["policy", "create", "--volume", volume.Id, .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual(string.Empty, result.Stderr.Trim());
        var list = await fixture.RunAsync("policy", "list", "--volume", volume.Id, "-q");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(string.Empty, list.Stdout.Trim());
    }
}
