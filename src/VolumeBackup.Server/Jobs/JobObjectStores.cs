using Microsoft.Extensions.Options;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Opens the store a job works on: the configured provider's, paced to <see cref="BackupOptions.MaxBytesPerSecond"/>
/// when a limit is set (each job gets its own budget).
/// </summary>
internal sealed class JobObjectStores(IObjectStoreProvider provider, IOptions<BackupOptions> options, TimeProvider time)
{
    public IObjectStore Open(string tenantId, string container)
    {
        var store = provider.Open(tenantId, container);
        var limit = options.Value.MaxBytesPerSecond;
        return limit > 0 ? new ThrottledObjectStore(store, limit, time) : store;
    }
}
