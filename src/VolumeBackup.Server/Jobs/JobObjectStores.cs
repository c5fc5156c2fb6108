using Microsoft.Extensions.Options;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Trusts;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Opens the store a job works on: the configured provider's, paced to <see cref="BackupOptions.MaxBytesPerSecond"/>
/// when a limit is set (each job gets its own budget). A job holding a Keystone trust (user-mode Swift with Keystone)
/// reaches the tenant's own account through it.
/// </summary>
internal sealed class JobObjectStores(IObjectStoreProvider provider, UserStoreTrusts trusts, IOptions<BackupOptions> options, TimeProvider time)
{
    public IObjectStore Open(JobRecord job, string tenantId, string container)
    {
        ArgumentNullException.ThrowIfNull(job);
        var store = trusts.Enabled && job.TrustId is { } trustId
            ? provider.Open(tenantId, container, trusts.ForTrust(tenantId, trustId))
            : provider.Open(tenantId, container);
        var limit = options.Value.MaxBytesPerSecond;
        return limit > 0 ? new ThrottledObjectStore(store, limit, time) : store;
    }

    /// <summary>The store a request reads itself (no job): with trusts in use, through the caller's own token.</summary>
    public IObjectStore OpenForRequest(TenantContext caller, string tenantId, string container) =>
        trusts.Enabled ? provider.Open(tenantId, container, trusts.ForCaller(caller, tenantId)) : provider.Open(tenantId, container);
}
