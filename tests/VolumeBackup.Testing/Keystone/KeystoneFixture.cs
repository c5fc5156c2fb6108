using VolumeBackup.Keystone;

namespace VolumeBackup.Testing.Keystone;

/// <summary>
/// The Keystone that scripts/keystone.sh starts on 127.0.0.1:5000 (tokens live 30 s there), its test users, and the
/// Keystone-authenticated Swift proxy on 127.0.0.1:8081. Tokens are fetched fresh for each use: a token kept across a
/// test would expire under it.
/// </summary>
public static class KeystoneFixture
{
    public const string HowToStart = "sudo bash scripts/keystone.sh up && sudo bash scripts/swift.sh up";
    public const string Password = "demopass";

    public static readonly Uri AuthUrl = new("http://127.0.0.1:5000/v3");

    /// <summary>The Swift proxy that authenticates with Keystone: accounts <c>AUTH_&lt;project_id&gt;</c>.</summary>
    public static readonly Uri SwiftUrl = new("http://127.0.0.1:8081");

    /// <summary>Admin of project admin (role admin, implies member and reader).</summary>
    public static readonly KeystoneUser Admin = new("admin", "adminpass", "admin");

    /// <summary>Member of project demo.</summary>
    public static readonly KeystoneUser Demo = new("demo", Password, "demo");

    /// <summary>Member of project demo2: another tenant.</summary>
    public static readonly KeystoneUser Demo2 = new("demo2", Password, "demo2");

    /// <summary>Only role reader, on project demo.</summary>
    public static readonly KeystoneUser DemoReader = new("demoreader", Password, "demo");

    /// <summary>VolumeBackup's service user (scripts/keystone-register.sh), admin on project service.</summary>
    public static readonly KeystoneUser Service = new("volumebackup", "volumebackuppass", "service");

    private static readonly Lazy<bool> Available = new(Probe);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static KeystoneClient Client { get; } = new(Http, AuthUrl, TimeSpan.FromSeconds(30));

    /// <summary>Skips the test when Keystone does not answer (fails it when CI=true).</summary>
    public static void Require() => RealServices.Require(Available.Value, "Keystone on 127.0.0.1:5000", HowToStart);

    /// <summary>A fresh project-scoped token of <paramref name="user"/>, with its catalog.</summary>
    public static Task<KeystoneToken> LoginAsync(KeystoneUser user, CancellationToken ct) =>
        Client.AuthenticateAsync(new KeystonePasswordCredentials(user.Name, user.Password), KeystoneScope.Project(user.Project), ct);

    private static bool Probe()
    {
        try
        {
            using var response = Http.Send(new HttpRequestMessage(HttpMethod.Get, AuthUrl));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}

/// <summary>A Keystone test user and the project it logs in to.</summary>
public sealed record KeystoneUser(string Name, string Password, string Project)
{
    public KeystonePasswordCredentials Credentials => new(Name, Password);
}
