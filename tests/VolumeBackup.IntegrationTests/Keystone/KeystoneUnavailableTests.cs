using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// When Keystone cannot say whether a token is valid (no Keystone, a Keystone that never answers, one that refuses
/// the service's own login), every request answers 503 with the reason, on both surfaces: never 500, never 401 (the
/// client would throw a good token away) and never allowed.
/// </summary>
public sealed class KeystoneUnavailableTests
{
    private const string Project = "0123456789abcdef0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_keystone_on_a_closed_port_answers_503_on_both_surfaces_and_nothing_is_created()
    {
        var closedPort = ClosedPort();
        await using var server = await StartAsync(new KeystoneServerSettings { AuthUrl = new Uri($"http://127.0.0.1:{closedPort}/v3") });

        await AssertUnavailableAsync(server, "gAAAAABany-token", FaultMessages.IdentityServiceUnavailable("it could not be reached."));
    }

    [Fact]
    public async Task A_keystone_that_accepts_connections_but_never_answers_is_503_after_the_request_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(silent, accepted);
        await using var server = await StartAsync(new KeystoneServerSettings
        {
            AuthUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v3"),
            RequestTimeout = TimeSpan.FromSeconds(1),
        });

        var started = DateTimeOffset.UtcNow;
        await AssertUnavailableAsync(server, "gAAAAABany-token", FaultMessages.IdentityServiceUnavailable("it did not answer within 1 s."));

        Assert.NotEmpty(accepted);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30), "each request should end after about the 1 s timeout");
        silent.Stop();
        await accepting;
        accepted.ForEach(client => client.Dispose());
    }

    [Fact]
    public async Task A_keystone_that_answers_5xx_is_503_with_the_status()
    {
        using var failing = new TcpListener(IPAddress.Loopback, 0);
        failing.Start();
        var answering = AnswerForeverAsync(failing, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await using var server = await StartAsync(new KeystoneServerSettings
        {
            AuthUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)failing.LocalEndpoint).Port}/v3"),
        });

        await AssertUnavailableAsync(server, "gAAAAABany-token", FaultMessages.IdentityServiceUnavailable("it answered 502."));
        failing.Stop();
        await answering;
    }

    [Fact]
    public async Task A_keystone_that_refuses_the_services_own_login_is_503_not_a_refusal_of_the_callers_token()
    {
        KeystoneFixture.Require();
        await using var server = await StartAsync(new KeystoneServerSettings
        {
            ServiceUser = KeystoneFixture.Service with { Password = "not-the-password" },
        });
        var demo = await KeystoneFixture.LoginAsync(KeystoneFixture.Demo, Ct);

        await AssertUnavailableAsync(server, demo.Value, FaultMessages.IdentityServiceUnavailable("it refused the service's own credentials."), demo.ProjectId!);
    }

    private static Task<TestServer> StartAsync(KeystoneServerSettings keystone) =>
        TestServer.StartAsync(new ServerSettings().WithKeystone(keystone));

    private static async Task AssertUnavailableAsync(TestServer server, string token, string message, string project = Project)
    {
        using var caller = KeystoneCaller.WithRawToken(server, token);
        foreach (var path in new[] { KeystoneCaller.HpVolumes(project), KeystoneCaller.HpBackups(project), KeystoneCaller.CinderVolumes(project), KeystoneCaller.CinderBackups(project) })
        {
            using var answer = await caller.GetAsync(path);
            Assert.Equal(TimeSpan.FromSeconds(10), answer.Headers.RetryAfter?.Delta);
            await ApiAssert.FaultAsync(answer, HttpStatusCode.ServiceUnavailable, "serviceUnavailable", message);
        }

        using var hp = await caller.PostHpVolumeAsync(project);
        using var cinder = await caller.PostCinderVolumeAsync(project);
        Assert.All(new[] { hp, cinder }, answer => Assert.Equal(TimeSpan.FromSeconds(10), answer.Headers.RetryAfter?.Delta));
        await ApiAssert.FaultAsync(hp, HttpStatusCode.ServiceUnavailable, "serviceUnavailable", message);
        await ApiAssert.FaultAsync(cinder, HttpStatusCode.ServiceUnavailable, "serviceUnavailable", message);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
        Assert.Equal(0, await db.Volumes.CountAsync(Ct));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: connections are refused
    }

    // Answers every request with the same bytes, like a proxy in front of a Keystone that is down.
    private static async Task AnswerForeverAsync(TcpListener listener, string answer)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(Ct);
                var stream = client.GetStream();
                var buffer = new byte[16 * 1024];
                await stream.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, Ct); // the request's head (the body, if any, is dropped)
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer), Ct);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // stopped
        }
    }

    // Accepts every connection and never writes a byte, like a Keystone whose workers are all stuck.
    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> accepted)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(Ct);
                lock (accepted)
                {
                    accepted.Add(client);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // stopped
        }
    }
}
