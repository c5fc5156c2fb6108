using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Cinder.Volumes;

namespace VolumeBackup.UnitTests.Server.Cinder;

/// <summary>Parsing a volume list's query string, as Cinder does, and applying it.</summary>
public sealed class CinderVolumeQueryTests
{
    private static readonly CinderApiVersion V30 = new(3, 0);
    private static readonly CinderApiVersion V367 = new(3, 67);

    [Fact]
    public void No_parameters_mean_newest_first_in_pages_of_a_thousand()
    {
        var query = Parse("", V30);

        Assert.Equal([("created_at", true)], query.Sort);
        Assert.Equal(1000, query.PageSize);
        Assert.Null(query.Limit);
        Assert.Empty(query.Filters);
    }

    [Theory]
    [InlineData("sort=name:asc,size", "name", false, "size", true)]
    [InlineData("sort=status:desc,id:asc", "status", true, "id", false)]
    public void Sort_reads_keys_with_optional_directions(string text, string first, bool firstDesc, string second, bool secondDesc) =>
        Assert.Equal([(first, firstDesc), (second, secondDesc)], Parse(text, V30).Sort);

    [Theory]
    [InlineData("limit=5000", 1000)]
    [InlineData("limit=0", 0)]
    [InlineData("limit=7", 7)]
    public void Limit_is_capped_at_the_maximum_page(string text, int pageSize) => Assert.Equal(pageSize, Parse(text, V30).PageSize);

    [Fact]
    public void All_tenants_is_honoured_for_admins_only()
    {
        Assert.True(Parse("all_tenants=True", V30, admin: true).AllTenants);
        Assert.False(Parse("all_tenants=1", V30, admin: false).AllTenants);
        Assert.Equal("Invalid value 'maybe' for all_tenants: it must be a boolean (true or false)",
            Assert.Throws<FaultException>(() => Parse("all_tenants=maybe", V30)).Fault.Message);
    }

    [Theory]
    [InlineData("colour=red", "3.30", null)]
    [InlineData("colour=red", "3.31", "Invalid filter keys: colour")]
    [InlineData("with_count=true", "3.44", "Invalid filter keys: with_count")]
    [InlineData("name~=a", "3.33", "Invalid filter keys: name~")]
    [InlineData("created_at=gt:2026-01-01T00:00:00", "3.59", "Invalid filter keys: created_at")]
    [InlineData("use_quota=true", "3.64", "Invalid filter keys: use_quota")]
    [InlineData("created_at=after:2026-01-01", "3.60", "Invalid filter value for created_at: unknown comparison 'after'")]
    public void Unknown_filters_are_dropped_before_3_31_and_refused_from_it(string text, string version, string? fault)
    {
        if (fault is null)
        {
            Assert.Empty(Parse(text, CinderApiVersion.Parse(version)).Filters);
        }
        else
        {
            Assert.Equal(fault, Assert.Throws<FaultException>(() => Parse(text, CinderApiVersion.Parse(version))).Fault.Message);
        }
    }

    [Fact]
    public void Filters_match_names_like_names_times_and_metadata()
    {
        var old = Volume(1, "Alpha", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ("tier", "gold"));
        var young = Volume(2, "beta", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Volume[] all = [old, young];

        Assert.Equal([old], Page("name=Alpha", all));
        Assert.Equal([old], Page("name~=alp", all));
        Assert.Equal([old], Page("created_at=lt:2026-03-01T00:00:00", all));
        Assert.Equal([young], Page("created_at=gte:2026-03-01T00:00:00.000000", all));
        Assert.Equal([old], Page("metadata={'tier': 'gold'}", all));
        Assert.Equal([young, old], Page("bootable=false", all));
        Assert.Empty(Page("bootable=true", all));
    }

    [Fact]
    public void The_page_after_the_marker_is_cut_at_the_limit_and_full_pages_say_so()
    {
        Volume[] all = [.. Enumerable.Range(1, 5).Select(i => Volume(i, $"v{i}", DateTimeOffset.UnixEpoch.AddMinutes(i)))];

        var first = CinderVolumePage.From(all, Parse("limit=2", V30));
        var last = CinderVolumePage.From(all, Parse($"limit=2&marker={CinderVolumeViews.Id(all[1])}", V30));

        Assert.Equal([5L, 4L], first.Items.Select(v => v.Id));
        Assert.True(first.IsFull);
        Assert.Equal(5, first.Total);
        Assert.Equal([1L], last.Items.Select(v => v.Id));
        Assert.False(last.IsFull);
    }

    private static List<Volume> Page(string text, IEnumerable<Volume> volumes) => [.. CinderVolumePage.From(volumes, Parse(text, V367)).Items];

    private static CinderVolumeQuery Parse(string text, CinderApiVersion version, bool admin = false) => CinderVolumeQuery.Parse(
        text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1])),
        version, admin);

    private static Volume Volume(long id, string name, DateTimeOffset created, params (string Key, string Value)[] metadata) => new()
    {
        Id = id,
        Uuid = Guid.NewGuid(),
        TenantId = "t",
        DisplayName = name,
        Status = VolumeStatus.Available,
        AvailabilityZone = "az-1",
        Host = "h",
        SizeGb = 1,
        CreatedAt = created,
        UpdatedAt = created,
        Metadata = metadata.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
    };
}
