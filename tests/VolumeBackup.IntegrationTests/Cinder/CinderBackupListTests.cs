using System.Net;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Listing as cinderclient pages through it: absolute <c>next</c> links on full pages, filters, sorting, offset,
/// <c>with_count</c> (3.45), unknown filters refused from 3.31, and <c>all_tenants</c> for admins only.
/// </summary>
public sealed class CinderBackupListTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task Following_next_links_like_cinderclient_visits_every_backup_once_newest_first()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var ids = await CreateBackupsAsync(api, 5);

        var seen = new List<string>();
        string? next = api.Backups + "/detail?limit=2";
        var pages = 0;
        while (next is not null)
        {
            var body = await CinderBackupsApi.JsonAsync(await api.GetAsync(next), HttpStatusCode.OK);
            seen.AddRange(body.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
            next = body.TryGetProperty("backups_links", out var links) ? Assert.Single(links.EnumerateArray()).GetProperty("href").GetString() : null;
            Assert.True(next is null || next.StartsWith(fixture.Server.BaseUrl + "/v3/", StringComparison.Ordinal), next);
            Assert.True(++pages <= 4, "paging did not end");
        }

        Assert.Equal(Enumerable.Reverse(ids), seen); // created_at desc, then id desc
        Assert.Equal(3, pages); // 2 + 2 + 1: the last page is not full, so it has no link
    }

    [Fact]
    public async Task Filters_sort_offset_and_count_select_what_they_say()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var ids = await CreateBackupsAsync(api, 3);
        var other = await api.CreateVolumeAsync();
        var onOther = await api.CreateBackupAsync(other, extra: ", \"name\": \"b1\"");
        await api.WaitForBackupStatusAsync(onOther, "available");

        Assert.Equal([onOther, ids[1]], await IdsAsync(api, "?name=b1"));
        Assert.Equal([onOther], await IdsAsync(api, $"?volume_id={other}"));
        Assert.Empty(await IdsAsync(api, $"?volume_id={Guid.NewGuid():D}"));
        Assert.Empty(await IdsAsync(api, "?status=error"));
        Assert.Equal([ids[0], ids[1], ids[2], onOther], await IdsAsync(api, "?sort=created_at:asc"));
        Assert.Equal([ids[0], ids[1], onOther, ids[2]], await IdsAsync(api, "?sort=name:asc,created_at:asc"));
        Assert.Equal([ids[1], ids[2]], await IdsAsync(api, "?sort_key=created_at&sort_dir=asc&offset=1&limit=2"));

        var counted = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "?with_count=true&limit=1", "3.45"), HttpStatusCode.OK);
        Assert.Equal(4, counted.GetProperty("count").GetInt32());
        Assert.Single(counted.GetProperty("backups").EnumerateArray());
        var uncounted = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "?with_count=true", "3.44"), HttpStatusCode.OK);
        Assert.False(uncounted.TryGetProperty("count", out _));
    }

    [Fact]
    public async Task Unknown_filters_are_ignored_before_3_31_and_refused_from_it_and_bad_paging_is_a_400()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "/detail?colour=red", "3.30"), HttpStatusCode.OK);
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + "/detail?colour=red", "3.31"),
            HttpStatusCode.BadRequest, "badRequest", "Invalid filters colour are found in query options.");
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + "?limit=-1"), HttpStatusCode.BadRequest, "badRequest", "limit param must be positive");
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + "?limit=x"), HttpStatusCode.BadRequest, "badRequest", "limit param must be an integer");
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + "?sort=size:up"), HttpStatusCode.BadRequest, "badRequest",
            "Unknown sort direction, must be 'desc' or 'asc'.");
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + "?sort=size&sort_dir=asc"), HttpStatusCode.BadRequest, "badRequest",
            "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
        var marker = Guid.NewGuid();
        await ApiAssert.FaultAsync(await api.GetAsync(api.Backups + $"?marker={marker:D}"), HttpStatusCode.NotFound, "itemNotFound",
            $"Marker {marker:D} could not be found.");
    }

    [Fact]
    public async Task All_tenants_shows_every_projects_backups_to_admins_only()
    {
        var admin = CinderBackupsApi.Admin(fixture.Server);
        var adminsBackup = (await CreateBackupsAsync(admin, 1))[0];
        var member = CinderBackupsApi.Member(fixture.Server);
        var membersBackup = await member.CreateBackupAsync(await member.CreateVolumeAsync());
        await member.WaitForBackupStatusAsync(membersBackup, "available");

        var everything = await IdsAsync(admin, "?all_tenants=1");
        Assert.Contains(adminsBackup, everything);
        Assert.Contains(membersBackup, everything);
        Assert.DoesNotContain(adminsBackup, await IdsAsync(member, "?all_tenants=1"));
        Assert.Contains(membersBackup, await IdsAsync(member, "?all_tenants=1"));
    }

    /// <summary>Backups b0..b(n-1) of one volume, each available before the next starts, in creation order.</summary>
    private static async Task<List<string>> CreateBackupsAsync(CinderBackupsApi api, int count)
    {
        var volume = await api.CreateVolumeAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await api.CreateBackupAsync(volume, extra: $", \"name\": \"b{i}\"");
            await api.WaitForBackupStatusAsync(id, "available");
            await api.WaitForVolumeStatusAsync(volume, "available");
            ids.Add(id);
        }

        return ids;
    }

    private static async Task<List<string>> IdsAsync(CinderBackupsApi api, string query)
    {
        var body = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "/detail" + query), HttpStatusCode.OK);
        return [.. body.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetString()!)];
    }
}
