namespace VolumeBackup.Keystone;

/// <summary>
/// The service user's own token, for the calls only a service may make (validating users' tokens, redeeming and
/// deleting trusts). Logs in on first use, again when a fifth of the token's lifetime is left, and again when Keystone
/// refuses it (revoked, keys rotated). Many callers needing a new token at once cause one login.
/// </summary>
public sealed class KeystoneServiceSession : IDisposable
{
    private readonly KeystoneClient _client;
    private readonly KeystonePasswordCredentials _user;
    private readonly KeystoneScope _scope;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _login = new(1, 1);
    private (KeystoneToken Token, DateTimeOffset RenewAt)? _current;

    public KeystoneServiceSession(KeystoneClient client, KeystonePasswordCredentials user, KeystoneScope scope, TimeProvider time)
    {
        _client = client;
        _user = user;
        _scope = scope;
        _time = time;
    }

    public KeystoneClient Client => _client;

    public KeystonePasswordCredentials User => _user;

    /// <summary>A token of the service user that is not about to expire.</summary>
    public async Task<KeystoneToken> GetTokenAsync(CancellationToken ct)
    {
        if (_current is { } current && _time.GetUtcNow() < current.RenewAt)
        {
            return current.Token;
        }

        return await LoginAsync(stale: _current?.Token, ct);
    }

    /// <summary>
    /// Runs <paramref name="call"/> with the service token; when Keystone refuses that token (401), logs in again once
    /// and repeats the call.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<string, Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var token = await GetTokenAsync(ct);
        try
        {
            return await call(token.Value);
        }
        catch (KeystoneException e) when (e.IsUnauthorized)
        {
            token = await LoginAsync(stale: token, ct);
            return await call(token.Value);
        }
    }

    public void Dispose() => _login.Dispose();

    private async Task<KeystoneToken> LoginAsync(KeystoneToken? stale, CancellationToken ct)
    {
        await _login.WaitAsync(ct);
        try
        {
            // Another caller logged in while this one waited: use its token.
            if (_current is { } current && !ReferenceEquals(current.Token, stale) && _time.GetUtcNow() < current.RenewAt)
            {
                return current.Token;
            }

            var now = _time.GetUtcNow();
            var token = await _client.AuthenticateAsync(_user, _scope, ct);
            var lifetime = token.ExpiresAt - now;
            _current = (token, now + (lifetime > TimeSpan.Zero ? lifetime * 4 / 5 : TimeSpan.Zero));
            return token;
        }
        finally
        {
            _login.Release();
        }
    }
}
