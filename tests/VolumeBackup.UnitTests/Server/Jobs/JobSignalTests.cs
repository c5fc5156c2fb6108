using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Jobs.Wakeups;

namespace VolumeBackup.UnitTests.Server.Jobs;

public sealed class JobSignalTests
{
    [Fact]
    public async Task Each_wake_up_frees_one_idle_loop_so_several_jobs_wake_several_loops()
    {
        using var signal = new JobSignal(Options.Create(new BackupOptions { Workers = 3 }));
        var loops = Enumerable.Range(0, 3).Select(_ => signal.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ToList();

        signal.Notify();
        signal.Notify();
        var woken = await Task.WhenAll(loops.Take(2));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.All(woken, Assert.True);
        Assert.False(loops[2].IsCompleted);
        signal.Notify();
        Assert.True(await loops[2]);
    }

    [Fact]
    public async Task Wake_ups_while_every_loop_is_busy_are_kept_only_up_to_the_number_of_loops()
    {
        using var signal = new JobSignal(Options.Create(new BackupOptions { Workers = 2 }));
        for (var i = 0; i < 50; i++)
        {
            signal.Notify();
        }

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("", "node-b", true)]
    [InlineData("node-b", "node-b", true)]
    [InlineData("node-a", "node-b", false)]
    [InlineData("Node-B", "node-b", false)]
    public void A_notification_concerns_its_host_or_every_host_when_empty(string payload, string host, bool concerns) =>
        Assert.Equal(concerns, VolumeBackup.Persistence.Jobs.JobWakeups.Concerns(payload, host));

    [Fact]
    public void Reconnection_delays_double_up_to_the_cap_and_start_over_after_a_success()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

        Assert.Equal([250, 500, 1000, 1000], Enumerable.Range(0, 4).Select(_ => backoff.Next().TotalMilliseconds));
        backoff.Reset();
        Assert.Equal(250, backoff.Next().TotalMilliseconds);
    }
}
