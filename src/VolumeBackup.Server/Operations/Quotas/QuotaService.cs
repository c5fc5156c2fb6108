using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Operations.Quotas;

/// <summary>
/// A tenant's limits and what it uses, from the settings the create paths enforce (<see cref="QuotaOptions"/>,
/// <see cref="VolumeBackupOptions.MaxVolumeSizeGb"/>) and the same counts they check against.
/// </summary>
internal sealed class QuotaService(UsageStore usage, IOptions<VolumeBackupOptions> options)
{
    public TenantLimits Limits
    {
        get
        {
            var settings = options.Value;
            return new TenantLimits(settings.Quotas.ToVolumeQuota(), settings.MaxVolumeSizeGb);
        }
    }

    public async Task<TenantQuotaReport> GetAsync(string tenantId, CancellationToken ct) =>
        new(Limits, await usage.GetVolumeUsageAsync(tenantId, ct), await usage.GetBackupUsageAsync(tenantId, ct));
}
