using System.Net;
using VolumeBackup.Client;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.UnitTests.Client;

public sealed class TransientRetryTests
{
    private const string Backup =
        """{"backup": {"id": "1", "volume_id": "9", "container": "c", "status": "available", "created_at": "2012-09-03T22:00:00Z", "size": 1, "object_count": 2}}""";

    private static VolumeBackupClient NewClient(FaultInjectingHandler handler) => new(
        new HttpClient(handler),
        new VolumeBackupClientOptions
        {
            Endpoint = new Uri("http://service.invalid"),
            TenantId = "demo",
            AuthToken = "secret",
            RetryDelay = TimeSpan.Zero,
        });

    [Fact]
    public async Task A_get_answered_with_503_twice_is_retried_until_it_succeeds()
    {
        var handler = new FaultInjectingHandler(2, HttpStatusCode.ServiceUnavailable, Backup);
        using var client = NewClient(handler);

        var backup = await client.Backups.GetAsync("1", TestContext.Current.CancellationToken);

        Assert.Equal("available", backup.Status);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("secret", r.Token));
        Assert.Equal("http://service.invalid/v1.1/demo/hp-volume-backups/1", handler.Requests[0].Uri.ToString());
    }

    [Fact]
    public async Task A_get_still_failing_after_every_retry_surfaces_the_last_fault()
    {
        var handler = new FaultInjectingHandler(10, HttpStatusCode.BadGateway, Backup);
        using var client = NewClient(handler);

        var e = await Assert.ThrowsAsync<VolumeBackupApiException>(() => client.Backups.GetAsync("1", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task A_500_is_the_service_final_word_and_is_not_retried()
    {
        var handler = new FaultInjectingHandler(1, HttpStatusCode.InternalServerError, Backup);
        using var client = NewClient(handler);

        var e = await Assert.ThrowsAsync<VolumeBackupApiException>(() => client.Backups.GetAsync("1", TestContext.Current.CancellationToken));

        Assert.Equal("cloudServersFault", e.FaultName);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_post_is_never_retried_because_it_may_have_been_applied()
    {
        var handler = new FaultInjectingHandler(1, HttpStatusCode.ServiceUnavailable, Backup);
        using var client = NewClient(handler);

        await Assert.ThrowsAsync<VolumeBackupApiException>(() =>
            client.Backups.CreateAsync(new CreateBackupRequest("9"), TestContext.Current.CancellationToken));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
    }
}
