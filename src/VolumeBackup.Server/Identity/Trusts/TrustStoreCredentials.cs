using VolumeBackup.Keystone;
using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Identity.Trusts;

/// <summary>
/// A job's way into the tenant's own Swift account: the service user redeems the job's trust for a token (and the
/// catalog naming the account), on first use and again whenever Swift refuses the token, so a job outlives any token.
/// </summary>
internal sealed class TrustStoreCredentials(KeystoneServiceSession session, KeystoneOptions options, string tenantId, string trustId)
    : IStoreCredentials
{
    public async Task<StoreSession> AuthenticateAsync(StoreSession? stale, CancellationToken ct)
    {
        KeystoneToken token;
        try
        {
            token = await session.Client.AuthenticateAsync(session.User, KeystoneScope.Trust(trustId), ct);
        }
        catch (KeystoneException e) when (e.IsUnavailable)
        {
            // An outage like the store's own: the job waits and starts over, it is not lost.
            throw new ObjectStoreException($"Keystone could not redeem trust {trustId}: {e.Message}", isTransient: true, e);
        }
        catch (KeystoneException e)
        {
            throw new ObjectStoreException(
                $"Keystone refused trust {trustId} for project {tenantId} (deleted, expired, or its user lost the roles): {e.Message}",
                ObjectStoreErrorKind.AccessDenied, e);
        }

        if (!string.Equals(token.ProjectId, tenantId, StringComparison.Ordinal))
        {
            // Never write one tenant's backup into another's account, whatever the trust says.
            throw new ObjectStoreException($"Trust {trustId} is scoped to project {token.ProjectId}, not {tenantId}.", ObjectStoreErrorKind.AccessDenied);
        }

        var url = token.FindEndpoint(UserStoreTrusts.ObjectStoreService, options.EndpointInterface, options.Region)
            ?? throw new ObjectStoreException(
                $"The catalog of trust {trustId} names no {options.EndpointInterface} object-store endpoint.", ObjectStoreErrorKind.AccessDenied);
        return new StoreSession(url, token.Value);
    }
}
