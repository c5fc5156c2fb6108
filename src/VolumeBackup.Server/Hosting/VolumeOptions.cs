namespace VolumeBackup.Server.Hosting;

/// <summary>Section <c>VolumeBackup:Volumes</c>: what an admin may adopt on this node ("manage existing").</summary>
internal sealed class VolumeOptions
{
    /// <summary>
    /// The block devices and files an admin may adopt as volumes, by their canonical path (every symlink resolved):
    /// an entry is an exact path, a directory (everything beneath it), or a name prefix ending in <c>*</c> within one
    /// directory (<c>/dev/loop*</c>, <c>/dev/sd*</c>). Empty (the default): managing existing volumes is disabled.
    /// </summary>
    public List<string> ManageablePaths { get; set; } = [];
}
