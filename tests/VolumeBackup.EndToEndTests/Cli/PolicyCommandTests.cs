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

    [Fact]
    public async Task Policy_update_changes_only_what_is_given_and_keeps_the_other_retention_counts()
    {
        var volume = await fixture.CreateVolumeAsync("cli-policy-update");
        var create = await fixture.RunAsync(
            "policy", "create", "--volume", volume.Id, "--every", "1h", "--keep-daily", "7", "--keep-weekly", "4", "--name", "hourly", "--format", "json");
        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<BackupPolicyView>(create.Stdout)!;

        var renamed = await fixture.RunAsync(
            "policy", "update", created.Id, "--keep-weekly", "8", "--keep-last", "2", "--name", "kept", "--disable", "--format", "json");

        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        var stopped = JsonSerializer.Deserialize<BackupPolicyView>(renamed.Stdout)!;
        Assert.Equal(new PolicyRetentionView { KeepLast = 2, KeepDaily = 7, KeepWeekly = 8 }, stopped.Retention);
        Assert.Equal(("kept", false, 3600L), (stopped.Name, stopped.Enabled, stopped.Schedule.IntervalSeconds));
        Assert.Null(stopped.NextRunAt);

        var before = DateTimeOffset.UtcNow;
        var rescheduled = await fixture.RunAsync(
            "policy", "update", created.Id, "--cron", "0 2 * * *", "--time-zone", "Europe/Paris", "--enable", "--format", "json");

        Assert.True(rescheduled.ExitCode == 0, rescheduled.ToString());
        var shown = JsonSerializer.Deserialize<BackupPolicyView>((await fixture.RunAsync("policy", "show", created.Id, "--format", "json")).Stdout)!;
        Assert.Equal(("0 2 * * *", "Europe/Paris", null), (shown.Schedule.Cron, shown.Schedule.TimeZone, shown.Schedule.IntervalSeconds));
        Assert.Equal(("kept", true), (shown.Name, shown.Enabled));
        Assert.Equal(new PolicyRetentionView { KeepLast = 2, KeepDaily = 7, KeepWeekly = 8 }, shown.Retention);
        Assert.InRange(Assert.NotNull(shown.NextRunAt), before, before.AddDays(1).AddMinutes(1));
        Assert.True((await fixture.RunAsync("policy", "delete", created.Id)).ExitCode == 0);
    }

    [Theory]
    [InlineData]
    [InlineData("--every", "1h", "--cron", "0 2 * * *")]
    [InlineData("--force", "--no-force")]
    [InlineData("--enable", "--disable")]
    [InlineData("--time-zone", "Europe/Paris")]
    [InlineData("--keep-daily", "-1")]
    public async Task Bad_updates_are_usage_errors_and_change_nothing(params string[] args)
    {
        var volume = await fixture.CreateVolumeAsync("cli-policy-bad-update");
        var create = await fixture.RunAsync("policy", "create", "--volume", volume.Id, "--every", "1h", "--keep-daily", "7", "--format", "json");
        var created = JsonSerializer.Deserialize<BackupPolicyView>(create.Stdout)!;

        var result = await fixture.RunAsync(["policy", "update", created.Id, .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual(string.Empty, result.Stderr.Trim());
        var after = JsonSerializer.Deserialize<BackupPolicyView>((await fixture.RunAsync("policy", "show", created.Id, "--format", "json")).Stdout)!;
        Assert.Equal(created, after);
        Assert.True((await fixture.RunAsync("policy", "delete", created.Id)).ExitCode == 0);
    }

    [Fact]
    public async Task Updating_a_policy_that_does_not_exist_says_so()
    {
        var result = await fixture.RunAsync("policy", "update", "999999", "--keep-daily", "3");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Backup policy 999999 could not be found.", result.Stderr, StringComparison.Ordinal);
    }
}
