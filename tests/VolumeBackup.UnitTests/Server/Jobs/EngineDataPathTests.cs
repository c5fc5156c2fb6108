using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;
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

        await new EngineDataPath(engine, logger).DeleteAsync(_fx.Store, null, "b1", null, null, ct);

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

    [Fact]
    public async Task A_backup_whose_index_rebuild_fails_on_a_store_error_logs_a_warning_naming_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(DataPathFixture.SmallOptions, TimeProvider.System);
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(engine, volume, "b1"); // packs for the rebuild to read
        var faulty = new FaultyObjectStore(_fx.Store)
        {
            Fault = (op, _) => op == "range" ? new ObjectStoreException("pack index unreadable", isTransient: true) : null,
        };
        var logger = new FakeLogger<EngineDataPath>();
        using var handle = volume.Open();

        await new EngineDataPath(engine, logger).BackupAsync(
            handle, faulty, new InMemoryBlockIndex(), DataPathFixture.Describe("b2"), new Progress<JobProgress>(), owner: null, locks: null, ct);

        var line = Assert.Single(logger.Collector.GetSnapshot(), l => l.Level == LogLevel.Warning);
        Assert.Equal("pack index unreadable", line.Exception?.Message);
        Assert.Contains("ran without the block index", line.Message, StringComparison.Ordinal);
    }
}
