using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Keystone;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Identity.Keystone;

/// <summary>
/// Keystone mode: every X-Auth-Token is checked with <c>GET /v3/auth/tokens</c> under the service user's own token, as
/// keystonemiddleware does for Cinder. The caller's tenant is the token's project id (Cinder's URLs and the spec's
/// carry project ids). A validated token is kept for <see cref="KeystoneOptions.TokenCacheLifetime"/> at most and never
/// past its expiry, so a revoked token keeps working for up to that lifetime; a lifetime of zero asks Keystone every time.
/// </summary>
internal sealed class KeystoneTokenValidator(
    KeystoneServiceSession session, KeystoneOptions options, TimeProvider time, ILogger<KeystoneTokenValidator> logger) : ITokenValidator
{
    private readonly TokenCache? _cache = options.TokenCacheLifetime > TimeSpan.Zero && options.TokenCacheSize > 0
        ? new TokenCache(options.TokenCacheSize)
        : null;

    public async ValueTask<ValidatedToken?> ValidateAsync(string token, CancellationToken ct)
    {
        var key = TokenCache.KeyOf(token);
        if (_cache?.TryGet(key, time.GetUtcNow()) is { } cached)
        {
            return cached;
        }

        KeystoneToken? keystone;
        try
        {
            keystone = await session.RunAsync(serviceToken => session.Client.ValidateAsync(serviceToken, token, ct), ct);
        }
        catch (KeystoneException e)
        {
            // Keystone cannot say whether the token is good: never guess "allowed", and not "unauthorized" either (the
            // client would throw a good token away). Also when Keystone refuses the service's own login: a
            // misconfiguration of this service, not the caller's fault.
            logger.KeystoneValidationFailed(e, e.IsUnavailable);
            throw new FaultException(Fault.ServiceUnavailable(FaultMessages.IdentityServiceUnavailable(KeystoneFailures.Reason(e, options.RequestTimeout)), RetryAfterHints.IdentityUnavailable));
        }

        var now = time.GetUtcNow();
        if (keystone is null || keystone.ExpiresAt <= now)
        {
            return null; // unknown, revoked or expired (keystonemiddleware also refuses a token Keystone still shows as expiring now)
        }

        if (string.IsNullOrEmpty(keystone.ProjectId))
        {
            // Unscoped, domain- or system-scoped: the token is genuine, so keystonemiddleware lets it through and it is
            // Cinder's policies (project_id:%(project_id)s) that refuse a caller without a project, with 403. A 401 would
            // be wrong too: keystoneauth answers it by logging in again with the same scope and retrying, to no avail.
            throw new FaultException(Fault.Forbidden(FaultMessages.TokenNotProjectScoped));
        }

        var validated = new ValidatedToken(new TenantIdentity(keystone.ProjectId, keystone.UserId, keystone.Roles), keystone);
        var validUntil = now + options.TokenCacheLifetime;
        _cache?.Set(key, validated, validUntil < keystone.ExpiresAt ? validUntil : keystone.ExpiresAt, now);
        return validated;
    }
}
