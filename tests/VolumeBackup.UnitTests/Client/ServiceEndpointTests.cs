using VolumeBackup.Client.Http;

namespace VolumeBackup.UnitTests.Client;

public sealed class ServiceEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8774", "http://127.0.0.1:8774/v1.1/demo/")]
    [InlineData("http://127.0.0.1:8774/", "http://127.0.0.1:8774/v1.1/demo/")]
    [InlineData("http://127.0.0.1:8774/v1.1", "http://127.0.0.1:8774/v1.1/demo/")]
    [InlineData("http://127.0.0.1:8774/v1.1/demo", "http://127.0.0.1:8774/v1.1/demo/")]
    [InlineData("https://cloud.example/compute/", "https://cloud.example/compute/v1.1/demo/")]
    public void The_tenant_base_is_the_endpoint_plus_version_and_tenant_never_repeated(string endpoint, string expected) =>
        Assert.Equal(expected, ServiceEndpoint.TenantBase(new Uri(endpoint), "demo").ToString());

    [Fact]
    public void A_tenant_id_with_reserved_characters_is_escaped_in_the_path() =>
        Assert.Equal("http://h/v1.1/a%2Fb/", ServiceEndpoint.TenantBase(new Uri("http://h"), "a/b").AbsoluteUri);
}
