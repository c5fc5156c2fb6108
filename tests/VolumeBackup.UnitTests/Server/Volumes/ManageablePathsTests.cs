using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.UnitTests.Server.Volumes;

/// <summary>The allow-list of adoptable paths: exact paths, directories and one-directory name prefixes, never more.</summary>
public sealed class ManageablePathsTests
{
    [Theory]
    [InlineData("/dev/loop*", "/dev/loop3", true)]
    [InlineData("/dev/loop*", "/dev/loop", false)]
    [InlineData("/dev/loop*", "/dev/loop3/x", false)]
    [InlineData("/dev/loop*", "/dev/loop-control2", true)]
    [InlineData("/dev/sd*", "/dev/sda1", true)]
    [InlineData("/dev/sd*", "/dev/sr0", false)]
    [InlineData("/srv/volumes", "/srv/volumes/a.img", true)]
    [InlineData("/srv/volumes", "/srv/volumes/deep/a.img", true)]
    [InlineData("/srv/volumes/", "/srv/volumes/a.img", true)]
    [InlineData("/srv/volumes", "/srv/volumes-secret/a.img", false)]
    [InlineData("/srv/volumes", "/srv/volume", false)]
    [InlineData("/dev/vdb", "/dev/vdb", true)]
    [InlineData("/dev/vdb", "/dev/vdb1", false)]
    public void An_entry_admits_only_what_it_names(string entry, string path, bool allowed) =>
        Assert.Equal(allowed, new ManageablePaths([entry]).Allows(path));

    [Theory]
    [InlineData("/dev/loop*", true)]
    [InlineData("/srv/volumes", true)]
    [InlineData("/", false)]
    [InlineData("/*", false)]
    [InlineData("*", false)]
    [InlineData("dev/loop*", false)]
    [InlineData("/dev/*/x", false)]
    [InlineData("", false)]
    public void Configured_entries_must_be_absolute_and_narrower_than_the_root(string entry, bool valid) =>
        Assert.Equal(valid, ManageablePaths.IsValidEntry(entry));

    [Fact]
    public void No_entries_disable_managing() => Assert.False(new ManageablePaths([]).IsEnabled);
}
