using System.Globalization;
using Npgsql;

namespace VolumeBackup.EndToEndTests.MultiNode;

/// <summary>
/// One row of the shared PostgreSQL <c>Jobs</c> table, read from outside the nodes: which host it was routed to, and
/// which worker (<c>host/pid-instance/loop</c>) claimed it last, in how many attempts.
/// </summary>
internal sealed record ClusterJob(long Id, string Kind, string State, int Attempts, string? LeaseOwner, string? TargetHost, long? VolumeId)
{
    /// <summary>The host part of the lease owner: the node whose worker ran (or runs) the job.</summary>
    public string? RanOn => LeaseOwner?.Split('/')[0];

    /// <summary>The backup's jobs, oldest first.</summary>
    public static async Task<List<ClusterJob>> ReadAsync(string connectionString, string backupId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT "Id", "Kind", "State", "Attempts", "LeaseOwner", "TargetHost", "VolumeId"
            FROM "Jobs" WHERE "BackupId" = @id ORDER BY "Id"
            """, connection);
        command.Parameters.AddWithValue("id", long.Parse(backupId, CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<ClusterJob>();
        while (await reader.ReadAsync())
        {
            jobs.Add(new ClusterJob(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                await reader.IsDBNullAsync(4) ? null : reader.GetString(4),
                await reader.IsDBNullAsync(5) ? null : reader.GetString(5),
                await reader.IsDBNullAsync(6) ? null : reader.GetInt64(6)));
        }

        return jobs;
    }

    /// <summary>The backup's latest job of <paramref name="kind"/>.</summary>
    public static async Task<ClusterJob> LatestAsync(string connectionString, string backupId, string kind)
    {
        var jobs = await ReadAsync(connectionString, backupId);
        return jobs.LastOrDefault(j => j.Kind == kind)
            ?? throw new Xunit.Sdk.XunitException($"No {kind} job for backup {backupId}: {string.Join("; ", jobs)}");
    }
}
