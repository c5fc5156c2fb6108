using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Identity.Policies;

/// <summary>
/// Runs right after <see cref="TokenAuthentication"/>, on the same tenant-scoped endpoints: the caller's roles must
/// reach the level of the route's <see cref="EndpointPolicy"/>, else 403 with Cinder's message, before the request is
/// read or anything changes. Fails closed: a tenant-scoped route declaring no policy answers 403 to everyone.
/// </summary>
internal sealed class PolicyEnforcement(RequestDelegate next)
{
    public const string NoPolicyMessage = "Policy doesn't allow this request to be performed: its route declares no policy.";

    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<TenantScopedEndpoint>() is null)
        {
            await next(context);
            return;
        }

        if (metadata.GetMetadata<EndpointPolicy>() is { } policy)
        {
            Demand(tenant, policy.Name);
        }
        else if (metadata.GetMetadata<ActionPolicies>() is null)
        {
            throw new FaultException(Fault.Forbidden(NoPolicyMessage));
        }

        await next(context);
    }

    /// <summary>403 unless the caller's roles allow <paramref name="policy"/>.</summary>
    public static void Demand(TenantContext tenant, string policy)
    {
        if (!AccessPolicies.Allows(tenant.Caller, policy))
        {
            throw new FaultException(Fault.Forbidden(AccessPolicies.DeniedMessage(policy)));
        }
    }

    /// <summary>
    /// For action routes: the action must be one the route declares (else Cinder's 400 <c>There is no such action</c>)
    /// and its policy must allow the caller (else 403).
    /// </summary>
    public static void DemandAction(HttpContext context, TenantContext tenant, string action)
    {
        var actions = context.GetEndpoint()?.Metadata.GetMetadata<ActionPolicies>()
            ?? throw new FaultException(Fault.Forbidden(NoPolicyMessage));
        if (!actions.ByAction.TryGetValue(action, out var policy))
        {
            throw new FaultException(Fault.BadRequest($"There is no such action: {action}"));
        }

        Demand(tenant, policy);
    }
}
