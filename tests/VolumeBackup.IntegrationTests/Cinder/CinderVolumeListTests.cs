using System.Net;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Lists as clients page and filter them: <c>limit</c>/<c>marker</c> with an absolute <c>volumes_links</c> next link
/// on full pages, <c>sort</c>, filters, <c>with_count</c>, <c>all_tenants</c> for admins, the 3.12 summary. Each test
/// lists a fresh project (through the admin token) so that it sees only its own volumes.
/// </summary>
public sealed class CinderVolumeListTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    private CinderVolumesApi FreshProject(string? version = null) =>
        new(Server.CreateClient(Server.Tokens.Admin), BackupApi.NewTenant("cv"), version);

    [Fact]
    public async Task Following_next_links_pages_through_every_volume_newest_first_and_ends_on_a_page_without_a_link()
    {
        var api = FreshProject();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await api.CreateVolumeAsync(name: $"v{i}"));
        }

        var seen = new List<string>();
        var pages = new List<int>();
        string? next = $"{Server.BaseUrl}/{api.Volumes}/detail?limit=2";
        while (next is not null)
        {
            Assert.StartsWith(Server.BaseUrl + "/", next, StringComparison.Ordinal); // absolute, reachable as given
            var page = await ApiAssert.OkJsonAsync(await api.GetAsync(next[(Server.BaseUrl.Length + 1)..]));
            pages.Add(page.GetProperty("volumes").GetArrayLength());
            seen.AddRange(CinderVolumesApi.Ids(page));
            next = page.TryGetProperty("volumes_links", out var links)
                ? links.EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString()
                : null;
        }

        Assert.Equal([2, 2, 1], pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task A_full_last_page_still_links_and_the_next_page_is_empty_without_links()
    {
        var api = FreshProject();
        await api.CreateVolumeAsync();
        var last = await api.CreateVolumeAsync();

        var full = await api.ListAsync("?limit=2", detail: false);
        var href = full.GetProperty("volumes_links")[0].GetProperty("href").GetString()!;
        var after = await ApiAssert.OkJsonAsync(await api.GetAsync(href[(Server.BaseUrl.Length + 1)..]));

        Assert.Equal($"{Server.BaseUrl}/{api.Volumes}?limit=2&marker={CinderVolumesApi.Ids(full)[^1]}", href);
        Assert.Equal(last, CinderVolumesApi.Ids(full)[0]);
        Assert.Equal("""{"volumes":[]}""", after.GetRawText());
    }

    [Fact]
    public async Task Sort_orders_by_the_keys_given_and_bad_sorts_are_400()
    {
        var api = FreshProject();
        var b = await api.CreateVolumeAsync(3, "b");
        var a = await api.CreateVolumeAsync(1, "a");
        var c = await api.CreateVolumeAsync(2, "c");

        Assert.Equal([a, b, c], CinderVolumesApi.Ids(await api.ListAsync("?sort=name:asc")));
        Assert.Equal([b, c, a], CinderVolumesApi.Ids(await api.ListAsync("?sort=size:desc")));
        Assert.Equal([b, a, c], CinderVolumesApi.Ids(await api.ListAsync("?sort_key=created_at&sort_dir=asc")));
        await ApiAssert.FaultAsync(await api.GetAsync($"{api.Volumes}/detail?sort=colour"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid input received: Invalid sort key colour");
        await ApiAssert.FaultAsync(await api.GetAsync($"{api.Volumes}/detail?sort=name:up"), HttpStatusCode.BadRequest, "badRequest",
            "Unknown sort direction, must be 'desc' or 'asc'");
        await ApiAssert.FaultAsync(await api.GetAsync($"{api.Volumes}/detail?sort=name&sort_key=size"), HttpStatusCode.BadRequest, "badRequest",
            "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
    }

    [Theory]
    [InlineData("?limit=-1", "limit param must be positive")]
    [InlineData("?limit=two", "limit param must be an integer")]
    [InlineData("?marker=5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e09", null)]
    public async Task Bad_limits_are_400_and_an_unknown_marker_404(string query, string? badRequest)
    {
        var api = FreshProject();

        using var response = await api.GetAsync($"{api.Volumes}/detail{query}");

        if (badRequest is null)
        {
            await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", "Marker 5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e09 could not be found.");
        }
        else
        {
            await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", badRequest);
        }
    }

    [Fact]
    public async Task Filters_keep_matching_volumes_and_with_count_counts_them_all_from_3_45()
    {
        var api = FreshProject("3.45");
        var db1 = await api.CreateAsync("""{"volume": {"size": 1, "name": "db", "metadata": {"tier": "gold"}}}""");
        var db2 = await api.CreateVolumeAsync(2, "db");
        await api.CreateVolumeAsync(1, "web");

        var byName = await api.ListAsync("?name=db&with_count=true&limit=1");
        var byMetadata = await api.ListAsync("?metadata={'tier': 'gold'}");
        var bySize = await api.ListAsync("?size=2&status=available");

        Assert.Equal([db2], CinderVolumesApi.Ids(byName));
        Assert.Equal(2, byName.GetProperty("count").GetInt32());
        Assert.Equal([db1.GetProperty("id").GetString()!], CinderVolumesApi.Ids(byMetadata));
        Assert.Equal([db2], CinderVolumesApi.Ids(bySize));
        Assert.False((await api.At("3.44").ListAsync("?name=db")).TryGetProperty("count", out _));
    }

    [Fact]
    public async Task Like_and_time_filters_work_from_their_microversions_and_unknown_filters_are_400_from_3_31()
    {
        var api = FreshProject("3.60");
        var alpha = await api.CreateVolumeAsync(name: "Alpha-db");
        var created = (await api.ShowAsync(alpha)).GetProperty("created_at").GetString()!;
        await api.CreateVolumeAsync(name: "beta");

        Assert.Equal([alpha], CinderVolumesApi.Ids(await api.ListAsync("?name~=alpha")));
        Assert.Equal([alpha], CinderVolumesApi.Ids(await api.ListAsync($"?created_at=lte:{created}")));
        Assert.Empty(CinderVolumesApi.Ids(await api.At("3.65").ListAsync("?use_quota=false")));
        Assert.Equal(2, CinderVolumesApi.Ids(await api.At("3.30").ListAsync("?colour=red")).Count); // dropped before 3.31
        await ApiAssert.FaultAsync(await api.At("3.31").GetAsync($"{api.Volumes}/detail?colour=red"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid filter keys: colour");
        await ApiAssert.FaultAsync(await api.At("3.33").GetAsync($"{api.Volumes}/detail?name~=a"), HttpStatusCode.BadRequest, "badRequest",
            "Invalid filter keys: name~");
    }

    [Fact]
    public async Task All_tenants_widens_the_list_for_admins_only()
    {
        var mine = FreshProject();
        var own = await mine.CreateVolumeAsync(name: "everyone");
        var demo = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        var demos = await demo.CreateVolumeAsync(name: "everyone");

        var adminWide = CinderVolumesApi.Ids(await mine.ListAsync("?all_tenants=1&name=everyone"));
        var adminOneProject = CinderVolumesApi.Ids(await mine.ListAsync("?all_tenants=1&name=everyone&project_id=demo"));
        var demoWide = CinderVolumesApi.Ids(await demo.ListAsync("?all_tenants=1&name=everyone"));

        Assert.Contains(own, adminWide);
        Assert.Contains(demos, adminWide);
        Assert.Equal([demos], adminOneProject);
        Assert.Equal([demos], demoWide); // cinderclient's name search sends all_tenants=1: a user still sees their own
    }

    [Fact]
    public async Task The_summary_counts_and_adds_sizes_from_3_12_with_metadata_from_3_36()
    {
        var api = FreshProject("3.36");
        await api.CreateAsync("""{"volume": {"size": 2, "metadata": {"tier": "gold"}}}""");
        await api.CreateAsync("""{"volume": {"size": 3, "metadata": {"tier": "silver"}}}""");

        var summary = await ApiAssert.OkJsonAsync(await api.GetAsync($"{api.Volumes}/summary"));
        var at312 = await ApiAssert.OkJsonAsync(await api.At("3.12").GetAsync($"{api.Volumes}/summary"));

        Assert.Equal("""{"volume-summary":{"total_size":5,"total_count":2,"metadata":{"tier":["gold","silver"]}}}""", summary.GetRawText());
        Assert.Equal("""{"volume-summary":{"total_size":5,"total_count":2}}""", at312.GetRawText());
        await ApiAssert.FaultAsync(await api.At("3.11").GetAsync($"{api.Volumes}/summary"), HttpStatusCode.NotFound, "itemNotFound",
            "Volume summary could not be found.");
    }
}
