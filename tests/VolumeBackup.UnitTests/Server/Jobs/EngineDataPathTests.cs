using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.Server.Jobs;
using VolumeBackup.UnitTests.DataPath;

namespace VolumeBackup.UnitTests.Server.Jobs;

public sealed class EngineDataPathTests : IDisposable
{
    private readonly DataPathFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_delete_logs_what_its_sweep_deleted_compacted_copied_and_reclaimed_in_one_information_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(), new FakeTimeProvider());
        await CompactionScenario.CreateAsync(_fx, engine);
        var logger = new FakeLogger<EngineDataPath>();

        await new EngineDataPath(engine, logger).DeleteAsync(_fx.Store, null, "b1", null, ct);

        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, line.Level);
        var fields = line.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("b1", fields["BackupId"]);
        Assert.Equal("4", fields["DeletedPacks"]);
        Assert.Equal("4", fields["CompactedPacks"]);
        Assert.Equal((16 * CompactionScenario.BlockSize).ToString(System.Globalization.CultureInfo.InvariantCulture), fields["CopiedBytes"]);
        Assert.True(long.Parse(fields["ReclaimedBytes"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("4 packs compacted", line.Message, StringComparison.Ordinal);
    }
}
