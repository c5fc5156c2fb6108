namespace VolumeBackup.ObjectStores;

/// <summary>
/// Credentials for one tenant's own account, supplied by the caller for one job or one request instead of read from
/// the configuration (a Keystone trust the service redeems, a user's token). The store asks for a session on first use
/// and again after the object store answered 401, so credentials that can renew themselves outlive any one token.
/// </summary>
public interface IStoreCredentials
{
    /// <summary>
    /// A storage URL and a token for it. <paramref name="stale"/> is the session the store was refused with (null on
    /// first use): return a new one, or the same when renewing is impossible (the store then reports the 401).
    /// Throw <see cref="ObjectStoreException"/>: transient when the identity service is unavailable, access denied
    /// when the credentials were withdrawn.
    /// </summary>
    Task<StoreSession> AuthenticateAsync(StoreSession? stale, CancellationToken ct);
}

/// <summary>Where a tenant's account is and the token that opens it.</summary>
public sealed record StoreSession(Uri StorageUrl, string Token)
{
    public override string ToString() => $"session for {StorageUrl}"; // never the token
}
