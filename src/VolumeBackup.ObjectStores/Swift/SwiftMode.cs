namespace VolumeBackup.ObjectStores.Swift;

/// <summary>Whose Swift account holds a tenant's backups.</summary>
public enum SwiftMode
{
    /// <summary>The tenant's own account: users see and manage their backups with any Swift client.</summary>
    User,

    /// <summary>One operator account with a container per tenant; tenants cannot see the objects.</summary>
    Service,
}
