using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Keystone;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// The request's tenant (from the URL, checked against the token) and the caller's identity. Scoped; set by
/// <see cref="TokenAuthentication"/> before any endpoint under <c>/v1.1</c> runs.
/// </summary>
internal sealed class TenantContext
{
    private TenantIdentity? _caller;
    private string? _tenantId;

    /// <summary>The tenant whose resources the request acts on (the URL's <c>{tenant_id}</c>).</summary>
    public string TenantId => _tenantId ?? throw new InvalidOperationException("No tenant: the request was not authenticated.");

    public TenantIdentity Caller => _caller ?? throw new InvalidOperationException("No caller: the request was not authenticated.");

    /// <summary>Cinder's <c>context_is_admin</c>, from the policy table: may see every project and admin-only fields.</summary>
    public bool IsAdmin => Policies.AccessPolicies.Allows(Caller, Policies.AccessPolicies.ContextIsAdmin);

    /// <summary>In Keystone mode, what Keystone said about the caller's token (user id, catalog); null with static tokens.</summary>
    public KeystoneToken? Keystone { get; private set; }

    internal void Set(string tenantId, TenantIdentity caller, KeystoneToken? keystone = null)
    {
        _tenantId = tenantId;
        _caller = caller;
        Keystone = keystone;
    }
}
