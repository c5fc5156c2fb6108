using VolumeBackup.Persistence;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.UnitTests.Server;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new VolumeBackupOptionsValidator().Validate(null, new VolumeBackupOptions()).Succeeded);

    [Fact]
    public void Every_failure_names_its_full_key()
    {
        var options = new VolumeBackupOptions
        {
            Listen = "not a url",
            Quotas = new QuotaOptions { Volumes = -1, Gigabytes = -5 },
            Database = new DatabaseOptions { Provider = DatabaseProvider.Postgres },
        };

        var failures = new VolumeBackupOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Listen ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Quotas:Volumes ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Quotas:Gigabytes ", StringComparison.Ordinal) && f.Contains("'-5'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Database:ConnectionString ", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void Roles_and_node_timings_are_checked()
    {
        var options = new VolumeBackupOptions
        {
            Roles = "api,scheduler",
            Nodes = new NodeOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), DownAfter = TimeSpan.FromSeconds(15) },
        };

        var failures = new VolumeBackupOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Roles ", StringComparison.Ordinal) && f.Contains("'api,scheduler'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("VolumeBackup:Nodes:DownAfter ", StringComparison.Ordinal));
        Assert.Equal(2, failures.Count);
    }
}
