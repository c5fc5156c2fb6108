using System.Globalization;
using Npgsql;

namespace VolumeBackup.EndToEndTests.Wakeups;

/// <summary>What the tests read from the nodes' PostgreSQL database from outside: job timings and the listeners.</summary>
public sealed class JobDatabase(string connectionString)
{
    /// <summary>The listener's application_name on a node (JobWakeupListener.ApplicationNamePrefix, then the host).</summary>
    public static string ListenerName(string host) => $"volumebackup-wakeups {host}";

    /// <summary>How long the backup's latest job waited between its commit and its claim; null while it is unclaimed.</summary>
    public async Task<TimeSpan?> WaitBeforeStartAsync(string backupId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "ClaimedAt" - "CreatedAt" FROM "Jobs" WHERE "BackupId" = @id ORDER BY "Id" DESC LIMIT 1""", connection);
        command.Parameters.AddWithValue("id", long.Parse(backupId, CultureInfo.InvariantCulture));
        var value = await command.ExecuteScalarAsync();
        return value is TimeSpan wait ? wait : null;
    }

    /// <summary>Polls until the backup's job was claimed; fails after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitUntilClaimedAsync(string backupId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await WaitBeforeStartAsync(backupId) is { } wait)
            {
                return wait;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job of backup {backupId} was not claimed within {timeout}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The backend process ids of the connections named <paramref name="applicationName"/>.</summary>
    public async Task<List<int>> BackendsAsync(string applicationName)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        command.Parameters.AddWithValue("name", applicationName);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    public async Task TerminateAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
