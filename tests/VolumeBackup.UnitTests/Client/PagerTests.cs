using VolumeBackup.Client;
using VolumeBackup.Client.Http;

namespace VolumeBackup.UnitTests.Client;

public sealed class PagerTests
{
    private static readonly string[] Ids = ["1", "2", "3", "4", "5"];

    [Fact]
    public async Task Every_page_is_fetched_after_the_previous_last_id_until_an_empty_page()
    {
        var requests = new List<PageRequest>();
        Task<IReadOnlyList<string>> Fetch(PageRequest page, CancellationToken ct)
        {
            requests.Add(page);
            var start = page.Marker is null ? 0 : Array.IndexOf(Ids, page.Marker) + 1;
            return Task.FromResult<IReadOnlyList<string>>(Ids.Skip(start).Take(page.Limit!.Value).ToArray());
        }

        var all = await Pager.WalkAsync(Fetch, id => id, 2, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Ids, all);
        Assert.Equal([null, "2", "4", "5"], requests.Select(r => r.Marker));
        Assert.All(requests, r => Assert.Equal(2, r.Limit));
    }

    [Fact]
    public async Task A_server_that_ignores_limit_and_marker_is_listed_once_without_looping()
    {
        var calls = 0;
        Task<IReadOnlyList<string>> Fetch(PageRequest page, CancellationToken ct)
        {
            calls++;
            return Task.FromResult<IReadOnlyList<string>>(Ids);
        }

        var all = await Pager.WalkAsync(Fetch, id => id, 2, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Ids, all);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_server_capping_the_page_below_the_asked_limit_is_still_listed_to_the_end()
    {
        Task<IReadOnlyList<string>> Fetch(PageRequest page, CancellationToken ct)
        {
            var start = page.Marker is null ? 0 : Array.IndexOf(Ids, page.Marker) + 1;
            return Task.FromResult<IReadOnlyList<string>>(Ids.Skip(start).Take(2).ToArray());
        }

        var all = await Pager.WalkAsync(Fetch, id => id, 1000, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Ids, all);
    }

    [Fact]
    public void A_page_request_becomes_an_escaped_query() =>
        Assert.Equal("?limit=10&marker=a%20b", new PageRequest(10, "a b").ToQuery());
}
