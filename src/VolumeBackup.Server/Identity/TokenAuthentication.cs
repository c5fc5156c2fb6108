using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// Runs after routing. Every endpoint marked <see cref="TenantScopedEndpoint"/> needs a valid <c>X-Auth-Token</c>
/// (else 401), and the route's <c>{tenant_id}</c> must be the token's tenant unless the token has the admin role (else
/// 403). The tenant comes from the matched route value, so it is the very value the endpoint acts on.
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next)
{
    public const string HeaderName = "X-Auth-Token";

    public async Task InvokeAsync(HttpContext context, ITokenValidator validator, TenantContext tenant)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TenantScopedEndpoint>() is null)
        {
            await next(context);
            return;
        }

        var token = context.Request.Headers[HeaderName].ToString();
        var validated = token.Length == 0 ? null : await validator.ValidateAsync(token, context.RequestAborted);
        if (validated is null)
        {
            throw new FaultException(Fault.Unauthorized(FaultMessages.AuthenticationRequired));
        }

        var caller = validated.Identity;

        var tenantId = context.GetEndpoint()?.Metadata.GetMetadata<ProjectFromTokenEndpoint>() is null
            ? context.GetRouteValue(TenantScopedEndpoint.TenantRouteValue) as string
            : caller.TenantId;
        if (string.IsNullOrEmpty(tenantId))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound));
        }

        if (!caller.IsAdmin && !string.Equals(tenantId, caller.TenantId, StringComparison.Ordinal))
        {
            throw new FaultException(Fault.Forbidden(FaultMessages.TenantMismatch(tenantId)));
        }

        tenant.Set(tenantId, caller, validated.Keystone);
        await next(context);
    }
}
