using System.Collections;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.UnitTests.Server;

public sealed class PrefixedEnvironmentVariablesTests
{
    [Fact]
    public void A_prefixed_variable_becomes_a_key_of_the_volume_backup_section()
    {
        var environment = new Hashtable
        {
            ["VOLUMEBACKUP_QUOTAS__GIGABYTES"] = "5",
            ["VOLUMEBACKUP_DATADIRECTORY"] = "/srv/vb",
            ["PATH"] = "/usr/bin",
            ["VOLUMEBACKUP_"] = "ignored",
        };

        var settings = PrefixedEnvironmentVariables.Read(environment);

        Assert.Equal(2, settings.Count);
        Assert.Equal("5", settings["VolumeBackup:Quotas:Gigabytes"]);
        Assert.Equal("/srv/vb", settings["VolumeBackup:DataDirectory"]);
    }
}
