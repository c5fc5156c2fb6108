using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// How long the server trusts a token Keystone validated: the cache lifetime, never past the token's expiry (tokens
/// live 30 s in the test Keystone). A token revoked while cached is seen as revoked once its entry lapses; revoking the
/// token makes its cached entry observable, since Keystone itself refuses it from then on.
/// </summary>
public sealed class KeystoneTokenCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_token_is_refused_even_when_the_cache_lifetime_would_outlast_it()
    {
        KeystoneFixture.Require();
        await using var server = await StartAsync(TimeSpan.FromMinutes(10));
        using var demo = await KeystoneCaller.LoginAsync(server, KeystoneFixture.Demo, Ct);
        await AssertAllowedAsync(demo);

        await KeystoneFixture.Client.RevokeTokenAsync(demo.Token!.Value, demo.Token.Value, Ct);
        await AssertAllowedAsync(demo); // from the cache: Keystone no longer knows it
        var untilExpiry = demo.Token.ExpiresAt - DateTimeOffset.UtcNow;
        Assert.True(untilExpiry < TimeSpan.FromSeconds(35), $"The test Keystone's tokens should live 30 s, this one {untilExpiry}.");
        await DelayUntilAsync(demo.Token.ExpiresAt + TimeSpan.FromMilliseconds(500));

        await AssertUnauthorizedAsync(demo);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_once_the_cache_lifetime_has_passed_and_at_once_when_it_was_never_cached()
    {
        KeystoneFixture.Require();
        await using var server = await StartAsync(TimeSpan.FromSeconds(1));
        using var cached = await KeystoneCaller.LoginAsync(server, KeystoneFixture.Demo, Ct);
        using var fresh = await KeystoneCaller.LoginAsync(server, KeystoneFixture.Demo, Ct);
        await AssertAllowedAsync(cached);
        var validatedBefore = DateTimeOffset.UtcNow;

        await KeystoneFixture.Client.RevokeTokenAsync(cached.Token!.Value, cached.Token.Value, Ct);
        await KeystoneFixture.Client.RevokeTokenAsync(fresh.Token!.Value, fresh.Token.Value, Ct);
        await AssertUnauthorizedAsync(fresh);
        await DelayUntilAsync(validatedBefore + TimeSpan.FromSeconds(1.2));

        await AssertUnauthorizedAsync(cached);
    }

    [Fact]
    public async Task With_a_cache_lifetime_of_zero_a_revoked_token_is_refused_at_once()
    {
        KeystoneFixture.Require();
        await using var server = await StartAsync(TimeSpan.Zero);
        using var demo = await KeystoneCaller.LoginAsync(server, KeystoneFixture.Demo, Ct);
        await AssertAllowedAsync(demo);

        await KeystoneFixture.Client.RevokeTokenAsync(demo.Token!.Value, demo.Token.Value, Ct);

        await AssertUnauthorizedAsync(demo);
    }

    private static async Task DelayUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Ct);
        }
    }

    private static Task<TestServer> StartAsync(TimeSpan cacheLifetime) =>
        TestServer.StartAsync(new ServerSettings().WithKeystone(new KeystoneServerSettings { TokenCacheLifetime = cacheLifetime }));

    private static async Task AssertAllowedAsync(KeystoneCaller caller)
    {
        await KeystoneCaller.JsonAsync(await caller.GetAsync(KeystoneCaller.HpVolumes(caller.Project)), HttpStatusCode.OK);
        await KeystoneCaller.JsonAsync(await caller.GetAsync(KeystoneCaller.CinderVolumes(caller.Project)), HttpStatusCode.OK);
    }

    private static async Task AssertUnauthorizedAsync(KeystoneCaller caller)
    {
        await ApiAssert.FaultAsync(
            await caller.GetAsync(KeystoneCaller.HpVolumes(caller.Project)), HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
        await ApiAssert.FaultAsync(
            await caller.GetAsync(KeystoneCaller.CinderVolumes(caller.Project)), HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
    }
}
