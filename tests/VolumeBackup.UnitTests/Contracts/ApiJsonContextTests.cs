using System.Text.Json;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Json;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.UnitTests.Contracts;

/// <summary>The server writes its bodies through the source-generated context, with the wire's names and nulls.</summary>
public sealed class ApiJsonContextTests
{
    private static readonly JsonSerializerOptions ServerOptions = CreateServerOptions();

    [Fact]
    public void The_server_options_resolve_the_envelopes_through_the_generated_context()
    {
        Assert.Same(ApiJsonContext.Default, ServerOptions.GetTypeInfo(typeof(BackupEnvelope)).OriginatingResolver);
        Assert.Same(ApiJsonContext.Default, ServerOptions.GetTypeInfo(typeof(BackupsEnvelope<BackupSummary>)).OriginatingResolver);
    }

    [Fact]
    public void A_page_that_is_not_full_has_no_links_member()
    {
        var json = JsonSerializer.Serialize(new BackupsEnvelope<BackupSummary>([new BackupSummary("1", "available")]), ServerOptions);

        Assert.Equal("""{"backups":[{"id":"1","status":"available"}]}""", json);
    }

    [Fact]
    public void A_backup_keeps_its_null_fields_and_a_utc_time()
    {
        var backup = new BackupDetail
        {
            Id = "1", VolumeId = "9", Container = "c", Status = "available",
            CreatedAt = new DateTimeOffset(2012, 9, 3, 22, 0, 0, TimeSpan.Zero), Size = 1, ObjectCount = 2,
        };

        var json = JsonSerializer.Serialize(new BackupEnvelope(backup), ServerOptions);

        Assert.Equal(
            """{"backup":{"id":"1","display_name":null,"display_description":null,"volume_id":"9","container":"c","status":"available","fail_reason":null,"created_at":"2012-09-03T22:00:00Z","size":1,"object_count":2,"stored_bytes":0,"data_bytes":0}}""",
            json);
    }

    [Fact]
    public void A_running_job_shows_its_progress()
    {
        var backup = new BackupDetail
        {
            Id = "1", VolumeId = "9", Container = "c", Status = "creating",
            CreatedAt = DateTimeOffset.UnixEpoch, Size = 1, ObjectCount = 0,
            Progress = new BackupProgress("backup", 5, 10, 50),
        };

        var json = JsonSerializer.Serialize(new BackupEnvelope(backup), ServerOptions);

        Assert.EndsWith(
            ""","object_count":0,"progress":{"operation":"backup","bytes_done":5,"bytes_total":10,"percent":50},"stored_bytes":0,"data_bytes":0}}""",
            json);
    }

    private static JsonSerializerOptions CreateServerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
