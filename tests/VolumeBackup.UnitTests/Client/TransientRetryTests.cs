using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.Client;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.UnitTests.Client;

public sealed class TransientRetryTests
{
    private const string Backup =
        """{"backup": {"id": "1", "volume_id": "9", "container": "c", "status": "available", "created_at": "2012-09-03T22:00:00Z", "size": 1, "object_count": 2}}""";

    private static VolumeBackupClient NewClient(FaultInjectingHandler handler, TimeProvider? time = null) => new(
        new HttpClient(handler),
        new VolumeBackupClientOptions
        {
            Endpoint = new Uri("http://service.invalid"),
            TenantId = "demo",
            AuthToken = "secret",
            RetryDelay = TimeSpan.Zero,
            TimeProvider = time ?? TimeProvider.System,
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

    [Fact]
    public async Task A_503_with_retry_after_is_retried_only_once_that_wait_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        var handler = new FaultInjectingHandler(1, HttpStatusCode.ServiceUnavailable, Backup, TimeSpan.FromSeconds(10), time);
        using var client = NewClient(handler, time);

        var get = client.Backups.GetAsync("1", TestContext.Current.CancellationToken);
        while (!get.IsCompleted && time.GetUtcNow() < DateTimeOffset.Parse("2026-01-01T00:01:00Z", CultureInfo.InvariantCulture))
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal("available", (await get).Status);
        Assert.Equal(2, handler.RequestTimes.Count);
        Assert.InRange(handler.RequestTimes[1] - handler.RequestTimes[0], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task A_503_asking_for_a_longer_wait_than_the_client_allows_is_returned_at_once()
    {
        var handler = new FaultInjectingHandler(1, HttpStatusCode.ServiceUnavailable, Backup, TimeSpan.FromSeconds(60));
        using var client = NewClient(handler);

        var e = await Assert.ThrowsAsync<VolumeBackupApiException>(() => client.Backups.GetAsync("1", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Single(handler.Requests);
    }
}
