using System.Reflection;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.UnitTests.Client;

/// <summary>
/// The client may not reference Domain, so it keeps its own copy of the status strings; this keeps the copy and the
/// server's statuses the same set, so a status added or renamed on one side only fails here.
/// </summary>
public sealed class KnownStatusesTests
{
    [Fact]
    public void The_clients_statuses_are_the_servers_backup_and_volume_statuses()
    {
        var client = typeof(KnownStatuses).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
        var server = BackupStatus.All.Concat(VolumeStatus.All).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        Assert.Equal(server, client);
    }

    [Fact]
    public void The_client_reads_the_statuses_the_server_shows_for_the_same_thing()
    {
        Assert.Equal(
            [BackupStatus.Creating, BackupStatus.Available, BackupStatus.Restoring, BackupStatus.Deleting, BackupStatus.Error],
            [KnownStatuses.Creating, KnownStatuses.Available, KnownStatuses.Restoring, KnownStatuses.Deleting, KnownStatuses.Error]);
        Assert.Equal(
            [VolumeStatus.BackingUp, VolumeStatus.RestoringBackup, VolumeStatus.ErrorRestoring],
            [KnownStatuses.VolumeBackingUp, KnownStatuses.VolumeRestoring, KnownStatuses.VolumeErrorRestoring]);
    }
}
