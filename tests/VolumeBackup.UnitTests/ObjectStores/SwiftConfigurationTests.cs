using System.Text;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>The Swift driver's decisions that need no cluster: names, capabilities, metadata limits, composition.</summary>
public sealed class SwiftConfigurationTests
{
    [Theory]
    [InlineData("", "4f1a", "backups", "4f1a_backups")]
    [InlineData("vb-", "tenant-a", "volumebackups", "vb-tenant-a_volumebackups")]
    public void Service_mode_names_a_tenants_container_by_prefix_tenant_and_container(string prefix, string tenant, string container, string expected) =>
        Assert.Equal(expected, SwiftObjectStoreProvider.ServiceContainerName(prefix, tenant, container));

    [Theory]
    [InlineData("a_b")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Service_mode_refuses_tenant_ids_that_could_collide_with_another_tenants_names(string tenant) =>
        Assert.Throws<ArgumentException>(() => SwiftObjectStoreProvider.ServiceContainerName("", tenant, "backups"));

    [Fact]
    public void Service_mode_without_an_operator_account_is_a_configuration_error() =>
        Assert.Throws<ArgumentException>(() => new SwiftObjectStoreProvider(new SwiftOptions { Mode = SwiftMode.Service }));

    [Fact]
    public void Bulk_delete_is_used_only_when_info_offers_it()
    {
        var offered = SwiftCapabilities.Parse(Encoding.UTF8.GetBytes("""{"swift":{},"bulk_delete":{"max_deletes_per_request":10000,"max_failed_deletes":1000}}"""));
        var absent = SwiftCapabilities.Parse(Encoding.UTF8.GetBytes("""{"swift":{},"slo":{}}"""));

        Assert.True(offered.BulkDelete);
        Assert.Equal(1000, offered.MaxBulkDeletes);
        Assert.False(absent.BulkDelete);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/v1/AUTH_test", "http://127.0.0.1:8080/info")]
    [InlineData("https://swift.example/object-store/v1/AUTH_abc/", "https://swift.example/object-store/info")]
    public void The_info_url_is_found_beside_the_v1_api(string storageUrl, string expected) =>
        Assert.Equal(expected, SwiftCapabilities.InfoUrl(new Uri(storageUrl)).ToString());

    [Theory]
    [InlineData("backup_id", "x")]
    [InlineData("name with space", "x")]
    [InlineData("ok", "line\nbreak")]
    public void Metadata_swift_would_mangle_is_refused_before_sending(string name, string value) =>
        Assert.Throws<ArgumentException>(() => SwiftMetadata.EnsureValid(new Dictionary<string, string> { [name] = value }));

    [Fact]
    public void Metadata_over_swifts_value_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => SwiftMetadata.EnsureValid(new Dictionary<string, string> { ["name"] = new string('é', 129) }));

    [Fact]
    public void The_factory_wraps_the_configured_driver_in_retries_unless_they_are_off()
    {
        var root = Path.Combine(Path.GetTempPath(), "vb-factory");
        using var swift = (IDisposable)ObjectStoreProviderFactory.Create(new ObjectStoreOptions
        {
            Kind = ObjectStoreKind.Swift,
            Swift = new SwiftOptions { AuthUrl = new Uri("http://127.0.0.1:1/auth/v1.0") },
        });
        var plain = ObjectStoreProviderFactory.Create(new ObjectStoreOptions { FilesystemRoot = root, Retry = { MaxRetryAttempts = 0 } });

        Assert.IsType<SwiftObjectStoreProvider>(Assert.IsType<RetryingObjectStoreProvider>(swift).Inner);
        Assert.IsType<FilesystemObjectStoreProvider>(plain);
        Assert.Throws<ArgumentException>(() => ObjectStoreProviderFactory.Create(new ObjectStoreOptions()));
    }
}
