using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Hp.Backups;

namespace VolumeBackup.UnitTests.Server.Backups;

public sealed class ListParametersTests
{
    [Fact]
    public void Without_parameters_a_page_is_the_maximum_from_the_start_of_the_tenant()
    {
        Assert.Equal(new ListParameters(1000, null, false), ListParameters.Parse(Query(), 1000, isAdmin: true));
    }

    [Fact]
    public void A_limit_above_the_maximum_is_capped()
    {
        Assert.Equal(50, ListParameters.Parse(Query(("limit", "5000")), 50, isAdmin: false).Limit);
    }

    [Fact]
    public void The_marker_is_the_last_id_of_the_previous_page()
    {
        Assert.Equal(77L, ListParameters.Parse(Query(("marker", "77")), 10, isAdmin: false).Marker);
    }

    [Theory]
    [InlineData("1", true, true)]
    [InlineData("True", true, true)]
    [InlineData("0", true, false)]
    [InlineData("1", false, false)]
    public void All_tenants_counts_for_admins_only(string value, bool admin, bool expected)
    {
        Assert.Equal(expected, ListParameters.Parse(Query(("all_tenants", value)), 10, admin).AllTenants);
    }

    [Theory]
    [InlineData("limit", "0", ListParameters.InvalidLimit)]
    [InlineData("limit", "-2", ListParameters.InvalidLimit)]
    [InlineData("limit", "ten", ListParameters.InvalidLimit)]
    [InlineData("marker", "x", ListParameters.InvalidMarker)]
    [InlineData("marker", "0", ListParameters.InvalidMarker)]
    public void Bad_values_are_badRequest(string key, string value, string message)
    {
        var fault = Assert.Throws<FaultException>(() => ListParameters.Parse(Query((key, value)), 10, isAdmin: false));

        Assert.Equal(Fault.BadRequest(message), fault.Fault);
    }

    private static QueryCollection Query(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
}
