using Microsoft.Extensions.Options;
using Npgsql;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs.Wakeups;

/// <summary>
/// On a PostgreSQL worker node: one dedicated connection LISTENs on <see cref="JobWakeups.Channel"/> and wakes this
/// node's idle workers (<see cref="JobSignal"/>) when any node queues or puts back a job for this host or for any host,
/// so a job starts within milliseconds of its commit wherever it was queued. A dropped connection is opened again with
/// backoff (logged once per outage); meanwhile, and always as a safety net, the workers poll.
/// </summary>
internal sealed class JobWakeupListener(
    JobSignal signal, IOptions<VolumeBackupOptions> options, TimeProvider time, ILogger<JobWakeupListener> logger)
    : BackgroundService
{
    /// <summary>The listener's <c>application_name</c> starts so (then the host), to find it in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationNamePrefix = "volumebackup-wakeups";

    // A connection that dies without a word (a half-open TCP connection) is found by a query after this much quiet.
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var host = options.Value.NodeHost;
        var connectionString = new NpgsqlConnectionStringBuilder(options.Value.Database.ConnectionString)
        {
            ApplicationName = $"{ApplicationNamePrefix} {host}",
            Pooling = false, // held for the process's life: it must not take one of the pool's connections
        }.ConnectionString;
        var retry = new ReconnectBackoff(FirstRetry, MaxRetry);
        DateTimeOffset? downSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) =>
                {
                    if (JobWakeups.Concerns(e.Payload, host))
                    {
                        signal.Notify();
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {JobWakeups.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (downSince is { } since)
                {
                    logger.WakeupListenerRestored((time.GetUtcNow() - since).TotalSeconds);
                    downSince = null;
                }

                retry.Reset();
                signal.Notify(); // whatever was queued while nobody here listened
                await WaitForNotificationsAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Any failure of the connection: this service must outlive database outages, as the workers do.
                if (downSince is null)
                {
                    downSince = time.GetUtcNow();
                    logger.WakeupListenerLost(e, options.Value.NodeHost);
                }

                await DelayAsync(retry.Next(), stoppingToken);
            }
        }
    }

    // Notifications are raised on the connection while it waits; a quiet spell ends in a query that proves it alive.
    private static async Task WaitForNotificationsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        while (true)
        {
            if (!await connection.WaitAsync(IdleCheck, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
        }
        catch (OperationCanceledException)
        {
            // stopping: the loop ends
        }
    }
}
