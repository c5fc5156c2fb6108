using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Hosting;

/// <summary>Section <c>VolumeBackup:Quotas</c>: per-tenant limits (Nova's classic defaults: 10 volumes, 1000 GB).</summary>
internal sealed class QuotaOptions
{
    public int Volumes { get; set; } = 10;

    public int Gigabytes { get; set; } = 1000;

    public VolumeQuota ToVolumeQuota() => new(Volumes, Gigabytes);
}
