using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// Every request under <c>/v1.1</c> needs a valid <c>X-Auth-Token</c> (else 401), and the URL's <c>{tenant_id}</c> must
/// be the token's tenant unless the token has the admin role (else 403).
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next)
{
    public const string HeaderName = "X-Auth-Token";

    public async Task InvokeAsync(HttpContext context, ITokenValidator validator, TenantContext tenant)
    {
        if (!context.Request.Path.StartsWithSegments(VolumeBackupEndpoints.ApiRoot, StringComparison.Ordinal, out var rest))
        {
            await next(context);
            return;
        }

        var token = context.Request.Headers[HeaderName].ToString();
        var caller = token.Length == 0 ? null : await validator.ValidateAsync(token, context.RequestAborted);
        if (caller is null)
        {
            throw new FaultException(Fault.Unauthorized(FaultMessages.AuthenticationRequired));
        }

        var tenantId = FirstSegment(rest.Value);
        if (tenantId.Length == 0)
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound));
        }

        if (!caller.IsAdmin && !string.Equals(tenantId, caller.TenantId, StringComparison.Ordinal))
        {
            throw new FaultException(Fault.Forbidden(FaultMessages.TenantMismatch(tenantId)));
        }

        tenant.Set(tenantId, caller);
        await next(context);
    }

    private static string FirstSegment(string? path)
    {
        var trimmed = (path ?? string.Empty).TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return Uri.UnescapeDataString(slash < 0 ? trimmed : trimmed[..slash]);
    }
}
