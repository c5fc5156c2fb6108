using System.Text.Json;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.EndToEndTests.Cli;

[Collection(CliServerGroup.Name)]
public sealed class BackupCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Backup_create_without_wait_answers_creating_and_backup_wait_follows_it_to_available()
    {
        var volume = await fixture.CreateVolumeAsync("cli-bak-wait");

        var create = await fixture.RunAsync(
            "backup", "create", volume.Id, "--name", "b-wait", "--description", "by the CLI", "--container", "cli-e2e", "-f", "json");
        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<CreatedBackup>(create.Stdout)!;
        Assert.Equal(("creating", volume.Id, "cli-e2e", "b-wait"), (created.Status, created.VolumeId, created.Container, created.DisplayName));

        var wait = await fixture.RunAsync("backup", "wait", created.Id, "--poll-interval", "0.2", "-f", "json");

        Assert.True(wait.ExitCode == 0, wait.ToString());
        var done = JsonSerializer.Deserialize<BackupDetail>(wait.Stdout)!;
        Assert.Equal("available", done.Status);
        Assert.Null(done.Progress);
        Assert.Contains($"backup {created.Id}: ", wait.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_list_and_show_in_json_read_back_into_the_contract_types_across_pages()
    {
        var volume = await fixture.CreateVolumeAsync("cli-bak-list");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await fixture.RunAsync("backup", "create", volume.Id, "--name", $"list-{i}", "--wait", "--poll-interval", "0.2", "-q");
            Assert.True(result.ExitCode == 0, result.ToString());
            ids.Add(result.Stdout.Trim());
        }

        var list = await fixture.RunAsync("backup", "list", "--format", "json", "--page-size", "2");
        var show = await fixture.RunAsync("backup", "show", ids[1], "--format", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        var listed = JsonSerializer.Deserialize<List<BackupDetail>>(list.Stdout)!;
        Assert.Equal(listed.Count, listed.Select(b => b.Id).Distinct().Count());
        Assert.Superset(ids.ToHashSet(), listed.Select(b => b.Id).ToHashSet());
        var shown = JsonSerializer.Deserialize<BackupDetail>(show.Stdout)!;
        // The verification view holds lists (compared by reference in record equality): compare it field by field.
        var listedOne = listed.Single(b => b.Id == ids[1]);
        Assert.Equal(listedOne with { Verification = null }, shown with { Verification = null });
        Assert.Equal(listedOne.Verification?.Status, shown.Verification?.Status);
        Assert.Equal(("list-1", "available", volume.Id), (shown.DisplayName, shown.Status, shown.VolumeId));

        var table = await fixture.RunAsync("backup", "list");
        Assert.Contains("list-2", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_delete_with_wait_ends_when_the_backup_is_gone()
    {
        var volume = await fixture.CreateVolumeAsync("cli-bak-delete");
        var create = await fixture.RunAsync("backup", "create", volume.Id, "--wait", "--poll-interval", "0.2", "-q");
        var id = create.Stdout.Trim();

        var delete = await fixture.RunAsync("backup", "delete", id, "--wait", "--poll-interval", "0.2");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"Backup {id} deleted.", delete.Stdout, StringComparison.Ordinal);
        var show = await fixture.RunAsync("backup", "show", id);
        Assert.Equal(1, show.ExitCode);
        Assert.Contains($"Backup {id} could not be found. (itemNotFound, HTTP 404)", show.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_delete_without_wait_is_accepted_and_the_backup_then_disappears()
    {
        var volume = await fixture.CreateVolumeAsync("cli-bak-delete-nowait");
        var id = (await fixture.RunAsync("backup", "create", volume.Id, "--wait", "--poll-interval", "0.2", "-q")).Stdout.Trim();

        var delete = await fixture.RunAsync("backup", "delete", id);
        var wait = await fixture.RunAsync("backup", "wait", id, "--poll-interval", "0.2");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"Deletion of backup {id} accepted.", delete.Stdout, StringComparison.Ordinal);
        Assert.True(wait.ExitCode == 0 || wait.Stderr.Contains("could not be found", StringComparison.Ordinal), wait.ToString());
        Assert.Equal(1, (await fixture.RunAsync("backup", "show", id)).ExitCode);
    }

    [Fact]
    public async Task A_backup_of_a_volume_that_is_not_available_exits_1_with_the_spec_message()
    {
        var result = await fixture.RunAsync("backup", "create", "987654");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Volume 987654 could not be found. (itemNotFound, HTTP 404)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_whose_volume_file_vanished_exits_4_with_the_fail_reason()
    {
        var volume = await fixture.CreateVolumeAsync("cli-bak-fail");
        File.Delete(await fixture.DevicePathAsync(volume.Id));

        var result = await fixture.RunAsync("backup", "create", volume.Id, "--wait", "--poll-interval", "0.2", "-q");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("failed: ", result.Stderr, StringComparison.Ordinal);
        var id = result.Stdout.Trim();
        Assert.Empty(id);
        var backups = JsonSerializer.Deserialize<List<BackupDetail>>((await fixture.RunAsync("backup", "list", "-f", "json")).Stdout)!;
        var failed = Assert.Single(backups, b => b.VolumeId == volume.Id);
        Assert.Equal("error", failed.Status);
        Assert.Contains(failed.FailReason!, result.Stderr, StringComparison.Ordinal);
    }
}
