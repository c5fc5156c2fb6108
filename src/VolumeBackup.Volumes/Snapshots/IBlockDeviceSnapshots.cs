namespace VolumeBackup.Volumes.Snapshots;

/// <summary>
/// The snapshot mechanism of a deployment's block devices (adopted volumes whose path is a block device), to which
/// <see cref="ReflinkSnapshots"/> hands every such volume. A file clone cannot snapshot a device: that takes the
/// device's own layer, e.g. LVM (<c>lvcreate --snapshot --name &lt;name&gt; --size &lt;cow&gt; vg/lv</c>, read at
/// <c>/dev/vg/&lt;name&gt;</c>, removed with <c>lvremove</c>) or a device-mapper snapshot target over a COW device.
/// An implementation keeps the same contract as <see cref="IVolumeSnapshots"/>: snapshots named by the service,
/// <see cref="IVolumeSnapshots.Take"/> replaces one of the same name, <see cref="IVolumeSnapshots.List"/> finds them
/// again after a restart (from the LV names, say), and every call is safe to repeat after a crash.
/// None is configured here (<see cref="NoBlockDeviceSnapshots"/>): docs/volumes.md, "In-use volumes and snapshots".
/// </summary>
public interface IBlockDeviceSnapshots : IVolumeSnapshots;
