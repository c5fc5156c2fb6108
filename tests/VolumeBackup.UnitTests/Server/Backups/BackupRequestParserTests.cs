using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Hp.Backups;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.UnitTests.Server.Backups;

public sealed class BackupRequestParserTests
{
    [Fact]
    public void The_specs_create_example_parses_with_every_field()
    {
        var parsed = BackupRequestParser.ParseCreate(Inner("""
            {"display_name": "backup-001", "display_description": "Nightly Backup 03-Sep-2012", "volume_id": "9",
             "container": "nightlybackups", }
            """), "volumebackups");

        Assert.Equal(new NewBackup(9, "backup-001", "Nightly Backup 03-Sep-2012", "nightlybackups"), parsed);
    }

    [Fact]
    public void Without_a_container_the_default_is_used()
    {
        Assert.Equal("fallback", BackupRequestParser.ParseCreate(Inner("""{"volume_id": 3}"""), "fallback").Container);
        Assert.Equal("fallback", BackupRequestParser.ParseCreate(Inner("""{"volume_id": 3, "container": null}"""), "fallback").Container);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"volume_id": "0"}""")]
    [InlineData("""{"volume_id": "+1"}""")]
    [InlineData("""{"volume_id": " 1"}""")]
    [InlineData("""{"volume_id": "١"}""")]
    [InlineData("""{"volume_id": 1, "container": "a/b"}""")]
    [InlineData("""{"volume_id": 1, "container": ".."}""")]
    [InlineData("""{"volume_id": 1, "container": "a\nb"}""")]
    [InlineData("""{"volume_id": 1, "display_name": ["x"]}""")]
    public void A_bad_create_field_is_the_specs_incorrect_body_format(string body)
    {
        var fault = Assert.Throws<FaultException>(() => BackupRequestParser.ParseCreate(Inner(body), "volumebackups"));

        Assert.Equal(Fault.BadRequest(FaultMessages.IncorrectBodyFormat), fault.Fault);
    }

    [Theory]
    [InlineData("""{}""", null)]
    [InlineData("""{"volume_id": null}""", null)]
    [InlineData("""{"volume_id": "12"}""", 12L)]
    [InlineData("""{"volume_id": 12,}""", 12L)]
    public void Restore_reads_the_target_volume_or_none(string body, long? expected)
    {
        Assert.Equal(expected, BackupRequestParser.ParseRestore(Inner(body)));
    }

    [Fact]
    public void The_default_container_must_itself_be_valid()
    {
        Assert.Contains(new BackupOptions { DefaultContainer = "a/b" }.Validate(), f => f.Contains("DefaultContainer", StringComparison.Ordinal));
        Assert.Contains(new BackupOptions { HeartbeatInterval = TimeSpan.FromSeconds(40) }.Validate(),
            f => f.Contains("HeartbeatInterval", StringComparison.Ordinal));
        Assert.Empty(new BackupOptions().Validate());
    }

    private static JsonElement Inner(string json) =>
        JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement.Clone();
}
