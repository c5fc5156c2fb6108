using System.Net;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.Keystone;
using VolumeBackup.Testing.Keystone;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>The Keystone client against the real Keystone of scripts/keystone.sh.</summary>
public sealed class KeystoneClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_password_login_returns_the_users_project_roles_and_its_own_swift_account_from_the_catalog()
    {
        KeystoneFixture.Require();

        var token = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, Ct);

        Assert.Equal("demo", token.UserName);
        Assert.Equal("demo", token.ProjectName);
        Assert.Contains("member", token.Roles);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(new Uri($"{KeystoneFixture.SwiftUrl}v1/AUTH_{token.ProjectId}"), token.FindEndpoint("object-store"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_not_unavailable()
    {
        KeystoneFixture.Require();

        var e = await Assert.ThrowsAsync<KeystoneException>(() => KeystoneFixture.Client.AuthenticateAsync(
            new KeystonePasswordCredentials("demo", "wrong"), KeystoneScope.Project("demo"), Ct));

        Assert.False(e.IsUnavailable);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public async Task Validation_knows_a_good_token_and_not_a_revoked_or_made_up_one()
    {
        KeystoneFixture.Require();
        var service = await KeystoneFixture.LoginAsync(KeystoneFixture.Admin, Ct);
        var demo = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, Ct);

        var valid = await KeystoneFixture.Client.ValidateAsync(service.Value, demo.Value, Ct);
        await KeystoneFixture.Client.RevokeTokenAsync(service.Value, demo.Value, Ct);
        var revoked = await KeystoneFixture.Client.ValidateAsync(service.Value, demo.Value, Ct);
        var madeUp = await KeystoneFixture.Client.ValidateAsync(service.Value, "gAAAAABmadeup", Ct);

        Assert.NotNull(valid);
        Assert.Equal(demo.UserId, valid.UserId);
        Assert.Equal(demo.ProjectId, valid.ProjectId);
        Assert.Null(revoked);
        Assert.Null(madeUp);
    }

    [Fact]
    public async Task A_keystone_that_does_not_answer_is_unavailable()
    {
        using var http = new HttpClient();
        var client = new KeystoneClient(http, new Uri("http://127.0.0.1:1/v3"), TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<KeystoneException>(() => client.ValidateAsync("a", "b", Ct));

        Assert.True(e.IsUnavailable);
    }

    [Fact]
    public async Task A_trust_lets_the_trustee_open_the_trustors_swift_account_until_it_is_deleted()
    {
        KeystoneFixture.Require();
        var trustee = await KeystoneFixture.LoginAsync(KeystoneFixture.Admin, Ct);
        var demo = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, Ct);

        var trust = await KeystoneFixture.Client.CreateTrustAsync(
            demo.Value, demo.UserId, trustee.UserId, demo.ProjectId!, ["member"], DateTimeOffset.UtcNow.AddHours(1), impersonation: true, Ct);
        var redeemed = await KeystoneFixture.Client.AuthenticateAsync(KeystoneFixture.Admin.Credentials, KeystoneScope.Trust(trust.Id), Ct);
        var status = await PutContainerAsync(redeemed, Ct);
        var deleted = await KeystoneFixture.Client.DeleteTrustAsync(trustee.Value, trust.Id, Ct);
        var again = await KeystoneFixture.Client.DeleteTrustAsync(trustee.Value, trust.Id, Ct);
        var afterDelete = await Assert.ThrowsAsync<KeystoneException>(() =>
            KeystoneFixture.Client.AuthenticateAsync(KeystoneFixture.Admin.Credentials, KeystoneScope.Trust(trust.Id), Ct));

        Assert.Equal(demo.ProjectId, redeemed.ProjectId);
        Assert.Equal(trust.Id, redeemed.TrustId);
        Assert.Equal(demo.UserId, redeemed.UserId); // impersonation: Swift sees the user, not the service
        Assert.Equal(new Uri($"{KeystoneFixture.SwiftUrl}v1/AUTH_{demo.ProjectId}"), redeemed.FindEndpoint("object-store"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(deleted);
        Assert.False(again);
        Assert.False(afterDelete.IsUnavailable);
    }

    [Fact]
    public async Task The_service_session_logs_in_again_when_keystone_refuses_its_token()
    {
        KeystoneFixture.Require();
        using var session = new KeystoneServiceSession(
            KeystoneFixture.Client, KeystoneFixture.Admin.Credentials, KeystoneScope.Project("admin"), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var demo = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, Ct);
        var first = await session.GetTokenAsync(Ct);
        await KeystoneFixture.Client.RevokeTokenAsync(first.Value, first.Value, Ct);

        var validated = await session.RunAsync(token => KeystoneFixture.Client.ValidateAsync(token, demo.Value, Ct), Ct);
        var second = await session.GetTokenAsync(Ct);

        Assert.NotNull(validated);
        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public async Task The_service_session_logs_in_again_before_its_token_expires()
    {
        KeystoneFixture.Require();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var session = new KeystoneServiceSession(KeystoneFixture.Client, KeystoneFixture.Admin.Credentials, KeystoneScope.Project("admin"), time);
        var first = await session.GetTokenAsync(Ct);
        var same = await session.GetTokenAsync(Ct);

        time.Advance((first.ExpiresAt - time.GetUtcNow()) * 9 / 10);
        var renewed = await session.GetTokenAsync(Ct);

        Assert.Same(first, same);
        Assert.NotEqual(first.Value, renewed.Value);
    }

    private static async Task<HttpStatusCode> PutContainerAsync(KeystoneToken token, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{token.FindEndpoint("object-store")}/vbtest-trust-{Guid.NewGuid():N}");
        request.Headers.Add("X-Auth-Token", token.Value);
        using var response = await http.SendAsync(request, ct);
        var status = response.StatusCode;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, request.RequestUri);
        delete.Headers.Add("X-Auth-Token", token.Value);
        using var _ = await http.SendAsync(delete, ct);
        return status;
    }
}
