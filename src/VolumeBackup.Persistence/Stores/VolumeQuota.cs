namespace VolumeBackup.Persistence.Stores;

/// <summary>A tenant's limits on volumes: how many, and how many GB in total.</summary>
public readonly record struct VolumeQuota(int Volumes, long Gigabytes)
{
    /// <summary>Whether one more volume of <paramref name="sizeGb"/> fits beside what the tenant uses.</summary>
    public bool Admits(TenantUsage usage, int sizeGb) =>
        usage.Volumes + 1 <= Volumes && usage.Gigabytes + sizeGb <= Gigabytes;
}
