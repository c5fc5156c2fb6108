using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Keystone;

namespace VolumeBackup.UnitTests.Server.Identity;

public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_entry_is_served_until_its_end_and_not_at_or_after_it()
    {
        var cache = new TokenCache(10);
        var key = TokenCache.KeyOf("token-a");
        var token = Token("a");

        cache.Set(key, token, Now.AddSeconds(5), Now);

        Assert.Same(token, cache.TryGet(key, Now.AddSeconds(4.999)));
        Assert.Null(cache.TryGet(key, Now.AddSeconds(5)));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Beyond_its_capacity_the_least_recently_used_entry_goes()
    {
        var cache = new TokenCache(2);
        var (a, b, c) = (TokenCache.KeyOf("a"), TokenCache.KeyOf("b"), TokenCache.KeyOf("c"));
        cache.Set(a, Token("a"), Now.AddMinutes(1), Now);
        cache.Set(b, Token("b"), Now.AddMinutes(1), Now);
        Assert.NotNull(cache.TryGet(a, Now)); // a is now the most recently used

        cache.Set(c, Token("c"), Now.AddMinutes(1), Now);

        Assert.Equal(2, cache.Count);
        Assert.NotNull(cache.TryGet(a, Now));
        Assert.Null(cache.TryGet(b, Now));
        Assert.NotNull(cache.TryGet(c, Now));
    }

    [Fact]
    public void An_entry_that_would_end_now_or_before_is_not_kept_and_capacity_zero_keeps_nothing()
    {
        var cache = new TokenCache(10);
        var none = new TokenCache(0);

        cache.Set(TokenCache.KeyOf("a"), Token("a"), Now, Now);
        none.Set(TokenCache.KeyOf("b"), Token("b"), Now.AddMinutes(1), Now);

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void The_key_is_the_tokens_sha256_not_its_text()
    {
        var key = TokenCache.KeyOf("abc");

        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", key.Sha256);
    }

    private static ValidatedToken Token(string user) => new(new TenantIdentity("p", user, ["member"]));
}
