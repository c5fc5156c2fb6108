using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Testing.Servers;

/// <summary>
/// The real server in this process, on Kestrel at 127.0.0.1 with a free port and its own temp data directory.
/// <see cref="RestartAsync"/> stops it and starts a new one on the same data directory (the port may change).
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly ServerSettings _settings;
    private readonly TempDataDirectory? _ownedDirectory;
    private WebApplication? _app;
    private ServerTokens? _tokens;

    private TestServer(ServerSettings settings, string dataDirectory, TempDataDirectory? ownedDirectory)
    {
        _settings = settings;
        DataDirectory = dataDirectory;
        _ownedDirectory = ownedDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The tokens of the server's tokens.json (static mode; a server in Keystone mode has none).</summary>
    public ServerTokens Tokens => _tokens ?? throw new InvalidOperationException("The server has no tokens.json: it runs in Keystone mode.");

    /// <summary>The running server's services, for arranging state a test cannot reach through the API.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not running.");

    public static async Task<TestServer> StartAsync(ServerSettings? settings = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null ? new TempDataDirectory("vb-server") : null;
        var server = new TestServer(settings ?? new ServerSettings(), dataDirectory ?? owned!.Path, owned);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>An HTTP client for <see cref="BaseUrl"/> sending <paramref name="token"/> as X-Auth-Token (none when null).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        }

        return client;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again on the same data directory.</summary>
    public Task StartAgainAsync() =>
        _app is null ? StartAppAsync() : throw new InvalidOperationException("The server is running.");

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedDirectory?.Dispose();
    }

    private async Task StartAppAsync()
    {
        _app = VolumeBackupApp.Create([.. _settings.ToArguments(DataDirectory, _settings.Urls ?? "http://127.0.0.1:0")]);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        _tokens = File.Exists(Path.Combine(DataDirectory, "tokens.json")) ? ServerTokens.Read(DataDirectory) : null;
    }
}
