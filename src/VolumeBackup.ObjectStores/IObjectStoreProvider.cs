namespace VolumeBackup.ObjectStores;

/// <summary>
/// Opens the store of one tenant's container. The provider decides which account the container lives in
/// (the tenant's own account in user mode, an operator account with a per-tenant container in service mode),
/// so no caller can reach another tenant's objects by naming a container.
/// </summary>
public interface IObjectStoreProvider
{
    IObjectStore Open(string tenantId, string container);

    /// <summary>
    /// Opens the tenant's container with credentials supplied for this job or request (user-mode Swift without
    /// configured accounts). The tenant id still names the container; a provider whose accounts are not per user
    /// (the filesystem, Swift's service mode) ignores <paramref name="credentials"/>. Never cached across credentials,
    /// so one tenant's store is never opened with another's.
    /// </summary>
    IObjectStore Open(string tenantId, string container, IStoreCredentials credentials);
}
