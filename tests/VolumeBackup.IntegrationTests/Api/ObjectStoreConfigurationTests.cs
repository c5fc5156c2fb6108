using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Testing;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>The object store the server uses comes from <c>VolumeBackup:ObjectStore</c>, checked before the start.</summary>
public sealed class ObjectStoreConfigurationTests
{
    private const string Swift = "--VolumeBackup:ObjectStore:Kind=Swift";
    private const string TenantUser = "--VolumeBackup:ObjectStore:Swift:Tenants:t1:User=test:tester";
    private const string TenantKey = "--VolumeBackup:ObjectStore:Swift:Tenants:t1:Key=testing";
    private const string AuthUrl = "--VolumeBackup:ObjectStore:Swift:AuthUrl=http://127.0.0.1:8080/auth/v1.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("VolumeBackup:ObjectStore:Kind", "--VolumeBackup:ObjectStore:Kind=S3")]
    [InlineData("VolumeBackup:ObjectStore:Swift:Tenants", Swift, AuthUrl)]
    [InlineData("VolumeBackup:ObjectStore:Swift:Tenants:t1:AuthUrl", Swift, TenantUser, TenantKey)]
    [InlineData("VolumeBackup:ObjectStore:Swift:Tenants:t1", Swift, AuthUrl, TenantUser)]
    [InlineData("VolumeBackup:ObjectStore:Swift:AuthUrl", Swift, TenantUser, TenantKey, "--VolumeBackup:ObjectStore:Swift:AuthUrl=ftp://swift/auth")]
    [InlineData("VolumeBackup:ObjectStore:Swift:ServiceAccount", Swift, AuthUrl, "--VolumeBackup:ObjectStore:Swift:Mode=Service")]
    [InlineData("VolumeBackup:ObjectStore:Swift:ListPageSize", Swift, AuthUrl, TenantUser, TenantKey, "--VolumeBackup:ObjectStore:Swift:ListPageSize=20000")]
    [InlineData("VolumeBackup:ObjectStore:Retry:MaxRetryAttempts", "--VolumeBackup:ObjectStore:Retry:MaxRetryAttempts=-1")]
    [InlineData("VolumeBackup:ObjectStore:Retry:MaxDelay", "--VolumeBackup:ObjectStore:Retry:MaxDelay=00:00:00.001")]
    [InlineData("VolumeBackup:ObjectStore:Retry:AttemptTimeout", "--VolumeBackup:ObjectStore:Retry:AttemptTimeout=00:00:00")]
    public void A_bad_object_store_setting_fails_the_start_with_a_message_naming_the_key(string key, params string[] arguments)
    {
        using var data = new TempDataDirectory();

        var error = Assert.Throws<OptionsValidationException>(() => VolumeBackupApp.Create(["--data-dir", data.Path, .. arguments]));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_backups_are_stored_under_the_data_directorys_objects_folder_with_retries()
    {
        using var data = new TempDataDirectory();
        await using var app = VolumeBackupApp.Create(["--data-dir", data.Path]);

        var provider = app.Services.GetRequiredService<IObjectStoreProvider>();
        Directory.CreateDirectory(Path.Combine(data.Path, "objects"));
        var store = provider.Open("t1", "c1");
        await store.EnsureContainerAsync(Ct);
        await store.PutAsync("backups/1/manifest.json", new byte[] { 42 }, null, Ct);

        Assert.IsType<RetryingObjectStoreProvider>(provider);
        Assert.Equal([42], await File.ReadAllBytesAsync(Path.Combine(data.Path, "objects", "t1", "c1", "backups", "1", "manifest.json"), Ct));
    }

    [Fact]
    public async Task Kind_Swift_registers_the_swift_driver_with_the_tenants_accounts_and_retries()
    {
        using var data = new TempDataDirectory();
        await using var app = VolumeBackupApp.Create(["--data-dir", data.Path, Swift, AuthUrl, TenantUser, TenantKey]);

        var provider = Assert.IsType<RetryingObjectStoreProvider>(app.Services.GetRequiredService<IObjectStoreProvider>());

        Assert.IsType<SwiftObjectStoreProvider>(provider.Inner);
        Assert.Throws<ObjectStoreException>(() => provider.Open("t2", "c1")); // no account for t2
    }
}
