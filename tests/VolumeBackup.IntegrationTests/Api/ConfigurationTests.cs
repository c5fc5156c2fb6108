using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Testing;

namespace VolumeBackup.IntegrationTests.Api;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--VolumeBackup:Quotas:Gigabytes=-1", "VolumeBackup:Quotas:Gigabytes")]
    [InlineData("--VolumeBackup:Quotas:Gigabytes=lots", "VolumeBackup:Quotas:Gigabytes")]
    [InlineData("--VolumeBackup:Database:Provider=Oracle", "VolumeBackup:Database:Provider")]
    [InlineData("--VolumeBackup:Database:Provider=Postgres", "VolumeBackup:Database:ConnectionString")]
    [InlineData("--VolumeBackup:MaxVolumeSizeGb=0", "VolumeBackup:MaxVolumeSizeGb")]
    [InlineData("--VolumeBackup:DataPath:BlockIndex=Redis", "VolumeBackup:DataPath:BlockIndex")]
    [InlineData("--VolumeBackup:DataPath:Locks=Redis", "VolumeBackup:DataPath:Locks")]
    [InlineData("--VolumeBackup:DataPath:MirrorObjectLocks=sometimes", "VolumeBackup:DataPath:MirrorObjectLocks")]
    [InlineData("--VolumeBackup:Dashboard:Enabled=maybe", "VolumeBackup:Dashboard:Enabled")]
    public void A_bad_setting_fails_the_start_with_a_message_naming_the_key(string argument, string key)
    {
        using var data = new TempDataDirectory();

        var error = Assert.Throws<OptionsValidationException>(() => VolumeBackupApp.Create(["--data-dir", data.Path, argument]));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_directory_switch_puts_database_tokens_and_volumes_there()
    {
        using var data = new TempDataDirectory();
        await using var app = VolumeBackupApp.Create(["--data-dir", data.Path, "--urls", "http://127.0.0.1:0"]);

        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(data.Path, "volumebackup.db")));
        Assert.True(File.Exists(Path.Combine(data.Path, "tokens.json")));
        Assert.True(Directory.Exists(Path.Combine(data.Path, "volumes")));
        Assert.True(Directory.Exists(Path.Combine(data.Path, "objects")));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
