using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Api.Hp.Backups;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>List and detail: tenant-scoped, in id order, paged with limit and marker; all_tenants for admins only.</summary>
public sealed class BackupListTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task Limit_and_marker_page_through_every_backup_once_in_id_order_following_the_next_links()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var all = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            all.Add(await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available));
        }

        var seen = new List<string>();
        var pages = 0;
        string? next = api.Backups + "/detail?limit=3";
        while (next is not null)
        {
            var body = await ApiAssert.OkJsonAsync(await api.Client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken));
            seen.AddRange(body.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
            next = body.TryGetProperty("backups_links", out var links) ? links[0].GetProperty("href").GetString() : null;
            pages++;
        }

        Assert.Equal(all, seen);
        Assert.Equal(3, pages);
        Assert.Equal(all.Skip(3).Take(3), await api.ListIdsAsync($"?limit=3&marker={all[2]}"));
        Assert.Equal(all, await api.ListIdsAsync());
    }

    [Fact]
    public async Task A_tenant_with_a_hundred_thousand_backups_pages_through_all_of_them_in_order()
    {
        const int count = 100_000;
        var api = fixture.NewTenant();
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}),
                     r(h) AS (SELECT hex(randomblob(16)) FROM n)
                INSERT INTO "Backups" ("TenantId", "VolumeId", "Container", "Status", "CreatedAt", "UpdatedAt", "SizeGb",
                                       "ObjectCount", "ProgressBytesDone", "ProgressBytesTotal", "Uuid")
                SELECT {api.Tenant}, 1, 'c', 'available', 0, 0, 1, 1, 0, 0,
                       substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)
                FROM r
                """, TestContext.Current.CancellationToken);
        }

        var ids = new List<long>(count);
        var pages = 0;
        string? next = api.Backups + "?limit=1000";
        while (next is not null)
        {
            var body = await ApiAssert.OkJsonAsync(await api.Client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken));
            ids.AddRange(body.GetProperty("backups").EnumerateArray().Select(b => long.Parse(b.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)));
            next = body.TryGetProperty("backups_links", out var links) ? links[0].GetProperty("href").GetString() : null;
            pages++;
        }

        Assert.Equal(count, ids.Count);
        Assert.True(ids.Zip(ids.Skip(1)).All(pair => pair.First < pair.Second), "ids are not in strictly increasing order");
        Assert.InRange(pages, 100, 101); // a last, empty page when the count is a multiple of the page size
    }

    [Fact]
    public async Task All_tenants_shows_every_tenants_backups_to_an_admin_and_is_ignored_for_others()
    {
        var first = fixture.NewTenant();
        var second = fixture.NewTenant();
        var firstVolume = await first.CreateVolumeAsync(1);
        var marker = await BackupArrange.AddBackupAsync(fixture.Server, first.Tenant, firstVolume, BackupStatus.Available);
        var a = await BackupArrange.AddBackupAsync(fixture.Server, first.Tenant, firstVolume, BackupStatus.Available);
        var b = await BackupArrange.AddBackupAsync(fixture.Server, second.Tenant, await second.CreateVolumeAsync(1), BackupStatus.Available);
        using var demo = fixture.Server.CreateClient(fixture.Server.Tokens.Demo);

        // Other tests of the class add many backups; the page starts after this test's first one (a marker must name
        // a backup the caller can list, so the demo tenant lists from its start).
        var everything = await first.ListIdsAsync($"?all_tenants=1&marker={marker}");
        var own = await first.ListIdsAsync();
        var demoView = await new BackupApi(demo, "demo").ListIdsAsync("?all_tenants=1");

        Assert.Contains(a, everything);
        Assert.Contains(b, everything);
        Assert.DoesNotContain(marker, everything);
        Assert.Equal([marker, a], own);
        Assert.DoesNotContain(a, demoView);
        Assert.DoesNotContain(b, demoView);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=abc")]
    [InlineData("?marker=abc")]
    public async Task A_bad_limit_or_marker_is_badRequest(string query)
    {
        var api = fixture.NewTenant();

        var response = await api.Client.GetPathAsync(api.Backups + query);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(body).RootElement.GetProperty("badRequest").ValueKind);
    }

    [Fact]
    public async Task A_marker_that_names_no_backup_of_the_tenant_is_badRequest()
    {
        var api = fixture.NewTenant();
        var other = fixture.NewTenant();
        var own = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, await api.CreateVolumeAsync(1), BackupStatus.Available);
        var foreign = await BackupArrange.AddBackupAsync(fixture.Server, other.Tenant, await other.CreateVolumeAsync(1), BackupStatus.Available);

        foreach (var marker in (string[])[foreign, "999999999999"])
        {
            foreach (var list in (string[])[api.Backups, api.Backups + "/detail"])
            {
                await ApiAssert.FaultAsync(await api.Client.GetPathAsync($"{list}?marker={marker}"),
                    HttpStatusCode.BadRequest, "badRequest", ListParameters.InvalidMarker);
            }
        }

        Assert.Empty(await api.ListIdsAsync($"?marker={own}"));
    }

    [Fact]
    public async Task The_next_link_is_absolute_on_the_address_the_client_used()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var first = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available);
        await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available);

        var body = await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync(api.Backups + "/detail?limit=1"));

        var href = body.GetProperty("backups_links")[0].GetProperty("href").GetString();
        Assert.Equal($"{fixture.Server.BaseUrl}/{api.Backups}/detail?limit=1&marker={first}", href);
    }

    [Fact]
    public async Task An_empty_tenant_lists_no_backups_and_no_next_link()
    {
        var api = fixture.NewTenant();

        var body = await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync(api.Backups));

        Assert.Equal("{\"backups\":[]}", body.GetRawText());
    }
}
