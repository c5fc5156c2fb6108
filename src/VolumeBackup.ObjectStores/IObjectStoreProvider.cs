namespace VolumeBackup.ObjectStores;

/// <summary>
/// Opens the store of one tenant's container. The provider decides which account the container lives in
/// (the tenant's own account in user mode, an operator account with a per-tenant container in service mode),
/// so no caller can reach another tenant's objects by naming a container.
/// </summary>
public interface IObjectStoreProvider
{
    IObjectStore Open(string tenantId, string container);
}
