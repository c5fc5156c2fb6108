using VolumeBackup.Keystone;

namespace VolumeBackup.Testing.Keystone;

/// <summary>
/// Sends every request with a valid token of one Keystone user, logging in again when the token is near its expiry
/// (tokens live 30 s on the test Keystone), as a client with a password does. A long test never sends an expired one.
/// </summary>
public sealed class KeystoneTokenHandler(KeystoneUser user) : DelegatingHandler(new HttpClientHandler())
{
    private readonly SemaphoreSlim _login = new(1, 1);
    private KeystoneToken? _token;

    public async Task<KeystoneToken> TokenAsync(CancellationToken ct)
    {
        await _login.WaitAsync(ct);
        try
        {
            if (_token is null || _token.ExpiresAt - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(15))
            {
                _token = await KeystoneFixture.LoginAsync(user, ct);
            }

            return _token;
        }
        finally
        {
            _login.Release();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-Auth-Token");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", (await TokenAsync(cancellationToken)).Value);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _login.Dispose();
        }

        base.Dispose(disposing);
    }
}
