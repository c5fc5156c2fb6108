using System.Text.Json;
using VolumeBackup.Cli.Output;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.UnitTests.Cli;

public sealed class OutputWriterTests
{
    private static readonly BackupDetail Backup = new()
    {
        Id = "1",
        DisplayName = "[red]nightly[/]",
        DisplayDescription = "Nightly Backup 03-Sep-2012",
        VolumeId = "9",
        Container = "nightlybackups",
        Status = "creating",
        FailReason = null,
        CreatedAt = new DateTimeOffset(2012, 9, 3, 22, 0, 0, TimeSpan.Zero),
        Size = 10,
        ObjectCount = 2,
        Progress = new BackupProgress("create", 512L << 20, 1L << 30, 50),
    };

    private static readonly VolumeDetail Volume = new()
    {
        Id = "9",
        DisplayName = "data-01",
        Size = 10,
        Status = "available",
        AvailabilityZone = "az-1",
        CreatedAt = new DateTimeOffset(2012, 9, 3, 21, 0, 0, TimeSpan.Zero),
        Metadata = new Dictionary<string, string> { ["team"] = "db" },
        DevicePath = "/volumes/9.raw",
    };

    private static (OutputWriter Writer, StringWriter Text) NewWriter(OutputFormat format, bool quiet = false)
    {
        var text = new StringWriter();
        var console = ConsoleFactory.Create(text, isTerminal: false, noColor: false);
        return (new OutputWriter(console, text, format, quiet), text);
    }

    [Fact]
    public void Json_output_of_a_backup_reads_back_into_the_same_contract()
    {
        var (writer, text) = NewWriter(OutputFormat.Json);

        writer.WriteBackup(Backup);

        var back = JsonSerializer.Deserialize<BackupDetail>(text.ToString());
        Assert.Equal(Backup, back);
        Assert.Contains("\"fail_reason\": null", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_of_a_list_is_an_array_of_the_api_objects()
    {
        var (writer, text) = NewWriter(OutputFormat.Json);

        writer.WriteVolumes([Volume, Volume with { Id = "10" }]);

        var back = JsonSerializer.Deserialize<List<VolumeDetail>>(text.ToString())!;
        Assert.Equal(["9", "10"], back.Select(v => v.Id));
        Assert.Equal("/volumes/9.raw", back[0].DevicePath);
        Assert.Contains("\"availabilityZone\"", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_output_is_the_ids_alone_one_per_line_whatever_the_format()
    {
        var (writer, text) = NewWriter(OutputFormat.Json, quiet: true);

        writer.WriteBackups([Backup, Backup with { Id = "2" }]);
        writer.WriteRestore(new RestoreResult("1", "77"));

        Assert.Equal($"1{Environment.NewLine}2{Environment.NewLine}77{Environment.NewLine}", text.ToString());
    }

    [Fact]
    public void A_backup_table_shows_the_api_field_names_and_values_literally_without_escape_codes()
    {
        var (writer, text) = NewWriter(OutputFormat.Table);

        writer.WriteBackup(Backup);

        var output = text.ToString();
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("[red]nightly[/]", output, StringComparison.Ordinal);
        Assert.Contains("display_description", output, StringComparison.Ordinal);
        Assert.Contains("2012-09-03 22:00:00Z", output, StringComparison.Ordinal);
        Assert.Contains("create 50% (512.0 MiB of 1.0 GiB)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_table_keeps_each_row_on_one_line_when_written_to_a_pipe()
    {
        var (writer, text) = NewWriter(OutputFormat.Table);
        var longName = new string('n', 60);

        writer.WriteBackups([Backup with { DisplayName = longName, DisplayDescription = longName }]);

        var row = Assert.Single(text.ToString().Split(Environment.NewLine), l => l.Contains(longName, StringComparison.Ordinal));
        Assert.Contains("nightlybackups", row, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_volume_view_shows_the_device_path()
    {
        var (writer, text) = NewWriter(OutputFormat.Table);

        writer.WriteVolume(Volume);

        Assert.Contains("/volumes/9.raw", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("team=db", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_are_for_people_only_and_never_reach_json_or_quiet_output()
    {
        var (json, jsonText) = NewWriter(OutputFormat.Json);
        var (table, tableText) = NewWriter(OutputFormat.Table);

        json.WriteNote("Deletion of backup 1 accepted.");
        table.WriteNote("Deletion of backup 1 accepted.");

        Assert.Empty(jsonText.ToString());
        Assert.Equal("Deletion of backup 1 accepted." + Environment.NewLine, tableText.ToString());
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(10L << 30, "10.0 GiB")]
    public void Byte_counts_are_shown_in_binary_units(long bytes, string expected) => Assert.Equal(expected, DisplayText.Bytes(bytes));
}
