using VolumeBackup.Server.Hosting;

namespace VolumeBackup.UnitTests.Server.Hosting;

public sealed class NodeRolesTests
{
    [Theory]
    [InlineData("api,worker", true, true)]
    [InlineData("worker, api", true, true)]
    [InlineData("API", true, false)]
    [InlineData(" worker ", false, true)]
    [InlineData("api worker", true, true)]
    public void Parses_the_roles_in_any_order_and_case(string text, bool api, bool worker)
    {
        Assert.Equal(new NodeRoles(api, worker), NodeRoles.TryParse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("scheduler")]
    [InlineData("api,backup")]
    public void Refuses_anything_but_api_and_worker(string text)
    {
        Assert.Null(NodeRoles.TryParse(text));
    }

    [Fact]
    public void Shows_the_roles_as_stored()
    {
        Assert.Equal("api,worker", NodeRoles.Both.ToString());
        Assert.Equal("api", new NodeRoles(true, false).ToString());
        Assert.Equal("worker", new NodeRoles(false, true).ToString());
    }
}
