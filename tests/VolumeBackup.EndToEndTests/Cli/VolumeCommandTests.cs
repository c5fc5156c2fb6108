using System.Text.Json;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.EndToEndTests.Cli;

[Collection(CliServerGroup.Name)]
public sealed class VolumeCommandTests(CliServerFixture fixture)
{
    [Fact]
    public async Task Volume_create_show_list_and_delete_work_against_the_real_server()
    {
        var create = await fixture.RunAsync(
            "volume", "create", "cli-vol-a", "--size", "2", "--description", "made by the CLI", "--property", "team=db", "-f", "json");
        Assert.True(create.ExitCode == 0, create.ToString());
        var created = JsonSerializer.Deserialize<VolumeDetail>(create.Stdout)!;
        Assert.Equal(("cli-vol-a", "made by the CLI", 2), (created.DisplayName, created.DisplayDescription, created.Size));
        Assert.Equal("db", created.Metadata["team"]);

        var show = await fixture.RunAsync("volume", "show", created.Id);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("cli-vol-a", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("made by the CLI", show.Stdout, StringComparison.Ordinal);

        var list = await fixture.RunAsync("volume", "list", "-q");
        Assert.Contains(created.Id, list.Stdout.Split('\n', StringSplitOptions.TrimEntries));

        var delete = await fixture.RunAsync("volume", "delete", created.Id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"Deletion of volume {created.Id} accepted.", delete.Stdout, StringComparison.Ordinal);

        var after = await fixture.RunAsync("volume", "list", "-q");
        Assert.DoesNotContain(created.Id, after.Stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Volume_list_and_show_in_json_read_back_into_the_contract_types()
    {
        var volume = await fixture.CreateVolumeAsync("cli-vol-json");

        var list = await fixture.RunAsync("volume", "list", "--format", "json", "--page-size", "1");
        var show = await fixture.RunAsync("volume", "show", volume.Id, "--format", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        var listed = JsonSerializer.Deserialize<List<VolumeDetail>>(list.Stdout)!;
        var shown = JsonSerializer.Deserialize<VolumeDetail>(show.Stdout)!;
        Assert.Equal(volume.Id, shown.Id);
        Assert.Equal(shown.DisplayName, Assert.Single(listed, v => v.Id == volume.Id).DisplayName);
        Assert.Equal(listed.Count, listed.Select(v => v.Id).Distinct().Count());
        Assert.Null(shown.DevicePath);
    }

    [Fact]
    public async Task Volume_create_with_quiet_prints_only_the_new_id()
    {
        var result = await fixture.RunAsync("volume", "create", "--size", "1", "-q");

        Assert.True(result.ExitCode == 0, result.ToString());
        var id = result.Stdout.Trim();
        Assert.Matches("^[0-9]+$", id);
        var show = await fixture.RunAsync("volume", "show", id, "-q");
        Assert.Equal(id, show.Stdout.Trim());
    }

    [Fact]
    public async Task The_admin_view_shows_the_device_path_of_the_volume()
    {
        var volume = await fixture.CreateVolumeAsync("cli-vol-admin");

        var path = await fixture.DevicePathAsync(volume.Id);

        Assert.True(File.Exists(path), path);
        Assert.Equal(1L << 30, new FileInfo(path).Length);
    }
}
