using System.Globalization;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;
using static VolumeBackup.EndToEndTests.Dashboard.DashboardUser;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// The Containers page's charts draw what the API says: after a full and then an incremental backup, each point of the
/// stored-bytes line and each bar of the data-vs-stored chart (read from the page's Chart.js instances, which the
/// vendored UMD build registers on the page's <c>window.Chart</c>) equals the figures this test sums itself from the
/// backups' <c>created_at</c>, <c>stored_bytes</c> and <c>data_bytes</c>. Tenant epsilon is this test's alone, so the
/// charts hold its container and nothing else.
/// </summary>
[Collection(DashboardTestGroup.Name)]
public sealed class DashboardChartTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private const string Tenant = "epsilon";
    private const string Container = "chart-values";
    private const string StoredChart = "Chart.getChart(document.getElementById('chart-stored'))";

    // The charts' data as plain JSON: Chart.js keeps the arrays the page gave it (the points as {x, y} objects).
    private const string ReadCharts =
        "(() => { const savings = Chart.getChart(document.getElementById('chart-savings'));" +
        $" return {{ growth: {StoredChart}.data.datasets.map(d => ({{ label: d.label, points: d.data.map(p => ({{ x: p.x, y: p.y }})) }}))," +
        " labels: [...savings.data.labels], bars: savings.data.datasets.map(d => ({ label: d.label, values: [...d.data] })) }; })()";

    private CdpPage Page => fixture.Page;

    private BackupApi Admin => fixture.AdminApi(Tenant);

    [Fact]
    public async Task The_containers_charts_draw_the_stored_and_data_bytes_the_api_reports_after_a_full_and_an_incremental()
    {
        // 8 MiB of distinct data for the full; the incremental then changes one MiB of it, so it stores far less.
        var volumeId = await Admin.CreateVolumeAsync(1);
        var volume = new VolumeFile(await Admin.DevicePathAsync(volumeId));
        for (var chunk = 0; chunk < 8; chunk++)
        {
            volume.Write(chunk * (1L << 20), VolumeFile.RandomBytes(1 << 20, seed: 700 + chunk));
        }

        var fullId = await BackUpAsync(volumeId);
        await SignInAsync(Page, fixture.DashboardUrl, DashboardFixture.EpsilonToken, Tenant);
        await OpenAsync(Page, "containers", $"{StoredChart}?.data.datasets[0]?.data.length === 1");
        await AssertChartsMatchApiAsync([fullId]);

        volume.Write(3L << 20, VolumeFile.RandomBytes(1 << 20, seed: 800));
        var incrementalId = await BackUpAsync(volumeId);
        await ReloadAsync(Page, $"document.getElementById('page').dataset.page === 'containers' && {StoredChart}?.data.datasets[0]?.data.length === 2");
        var backups = await AssertChartsMatchApiAsync([fullId, incrementalId]);

        var (full, incremental) = (backups[0], backups[1]);
        Assert.True(incremental.StoredBytes < full.StoredBytes, $"The incremental stored {incremental.StoredBytes} bytes, the full {full.StoredBytes}.");
        Assert.True(incremental.StoredBytes < incremental.DataBytes, "The incremental should reuse most of the full's data.");

        // The fixture's pages hold two backups: the third is on the list's second page, and the charts still count it.
        volume.Write(5L << 20, VolumeFile.RandomBytes(1 << 20, seed: 900));
        var secondIncrementalId = await BackUpAsync(volumeId);
        await ReloadAsync(Page, $"document.getElementById('page').dataset.page === 'containers' && {StoredChart}?.data.datasets[0]?.data.length === 3");
        await AssertChartsMatchApiAsync([fullId, incrementalId, secondIncrementalId]);
    }

    private async Task<string> BackUpAsync(string volumeId)
    {
        var backupId = await Admin.CreateBackupAsync(volumeId, Container);
        await Admin.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        return backupId;
    }

    /// <summary>
    /// Compares the charts and the container's table row with sums made here from the API's backup list; returns the
    /// container's backups in the order the line chart should draw them.
    /// </summary>
    private async Task<List<ApiBackup>> AssertChartsMatchApiAsync(string[] expectedIds)
    {
        var backups = await ContainerBackupsAsync();
        Assert.Equal(expectedIds, backups.Select(b => b.Id));
        var drawn = (await Page.EvaluateAsync(ReadCharts)).Deserialize<DrawnCharts>(JsonSerializerOptions.Web)!;
        output.WriteLine(JsonSerializer.Serialize(drawn));

        // Stored bytes over time: one step per backup, at its creation time, up to the container's running total.
        var running = 0L;
        var expectedPoints = backups.Select(b => new Point(b.CreatedAt.ToUnixTimeMilliseconds(), running += b.StoredBytes)).ToList();
        var line = Assert.Single(drawn.Growth);
        Assert.Equal(Container, line.Label);
        Assert.Equal(expectedPoints, line.Points);

        // Deduplication: what full copies would cost against what the container holds.
        var (data, stored) = (backups.Sum(b => b.DataBytes), backups.Sum(b => b.StoredBytes));
        Assert.Equal([Container], drawn.Labels);
        Assert.Equal(2, drawn.Bars.Count);
        Assert.Equal(("Data bytes", data), (drawn.Bars[0].Label, Assert.Single(drawn.Bars[0].Values)));
        Assert.Equal(("Stored bytes", stored), (drawn.Bars[1].Label, Assert.Single(drawn.Bars[1].Values)));

        // The table's row: the count and the savings, 1 - stored/data as a whole percentage, halves rounded up. A lone
        // full stores a little more than its data (the root and segments), so its savings round to 0%, never "-0%".
        var cells = await Page.EvaluateAsync<string[]>(
            $"[...[...document.querySelectorAll('#page tbody tr')].find(r => r.cells[0].textContent === '{Container}').cells].map(c => c.textContent)");
        var saved = (long)Math.Floor((1 - (double)stored / data) * 100 + 0.5);
        Assert.Equal((backups.Count.ToString(CultureInfo.InvariantCulture), $"{saved.ToString(CultureInfo.InvariantCulture)}%"), (cells[1], cells[4]));
        return backups;
    }

    /// <summary>
    /// The container's available backups from every page of the API's detail list, oldest first (ids break ties in a
    /// second). Paged here with <c>marker</c>, not with the page's links, so that the test does not share the page's way.
    /// </summary>
    private async Task<List<ApiBackup>> ContainerBackupsAsync()
    {
        var all = new List<JsonElement>();
        for (var marker = string.Empty; ;)
        {
            var query = marker.Length == 0 ? string.Empty : "?marker=" + marker;
            var body = await ApiAssert.OkJsonAsync(await Admin.Client.GetPathAsync($"{Admin.Backups}/detail{query}"));
            var page = body.GetProperty("backups").EnumerateArray().ToList();
            if (page.Count == 0)
            {
                break;
            }

            all.AddRange(page);
            marker = page[^1].GetProperty("id").GetString()!;
        }

        return [.. all
            .Where(b => b.GetProperty("container").GetString() == Container && b.GetProperty("status").GetString() == BackupStatus.Available)
            .Select(b => new ApiBackup(
                b.GetProperty("id").GetString()!,
                DateTimeOffset.Parse(b.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture),
                b.GetProperty("stored_bytes").GetInt64(),
                b.GetProperty("data_bytes").GetInt64()))
            .OrderBy(b => b.CreatedAt).ThenBy(b => long.Parse(b.Id, CultureInfo.InvariantCulture))];
    }

    private sealed record ApiBackup(string Id, DateTimeOffset CreatedAt, long StoredBytes, long DataBytes);

    private sealed record Point(long X, long Y);

    private sealed record Line(string Label, List<Point> Points);

    private sealed record Bars(string Label, List<long> Values);

    private sealed record DrawnCharts(List<Line> Growth, List<string> Labels, List<Bars> Bars);
}
