using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Testing;
using VolumeBackup.Volumes.ChangedBlocks;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>Changed-block tracking is on by default and <c>VolumeBackup:Backups:ChangedBlockTracking=false</c> turns it off.</summary>
public sealed class ChangedBlockTrackingConfigurationTests
{
    [Theory]
    [InlineData(null, typeof(FiemapChangedBlocks))]
    [InlineData("true", typeof(FiemapChangedBlocks))]
    [InlineData("false", typeof(UnknownChanges))]
    public async Task The_setting_chooses_the_extent_map_comparison_or_none(string? setting, Type expected)
    {
        using var data = new TempDataDirectory();
        string[] arguments = setting is null
            ? ["--data-dir", data.Path]
            : ["--data-dir", data.Path, $"--VolumeBackup:Backups:ChangedBlockTracking={setting}"];
        await using var app = VolumeBackupApp.Create(arguments);

        Assert.IsType(expected, app.Services.GetRequiredService<IChangedBlocks>());
    }
}
