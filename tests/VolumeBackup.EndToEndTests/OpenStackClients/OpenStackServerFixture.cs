using VolumeBackup.Testing;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>
/// The real server as its own process on a free loopback port, shared by one test class, with a project (tenant and
/// member token) for each test: the OpenStack clients drive its Cinder surface, the HP surface is reached as admin.
/// </summary>
public abstract class OpenStackServerFixture : IAsyncLifetime
{
    private const int ProjectCount = 16;

    private readonly TempDataDirectory _data = new("vb-openstack-e2e");
    private readonly Queue<KeyValuePair<string, string>> _unused = new();

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>Extra <c>VolumeBackup:*</c> settings of this server.</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        var projects = Enumerable.Range(0, ProjectCount).Select(_ => "p" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var pair in ProjectTokens.Write(_data.Path, projects))
        {
            _unused.Enqueue(pair);
        }

        Server = ServerProcess.Start(_data.Path, new ServerSettings { Settings = Settings });
        await Server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>A project no other test uses; skips (locally) or fails (in CI) when the clients are missing.</summary>
    public OpenStackProject NewProject()
    {
        OpenStackCli.Require();
        lock (_unused)
        {
            var (project, token) = _unused.Dequeue();
            return new OpenStackProject(new OpenStackCli(Server.BaseUrl, project, token), Server.AdminApi(project));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Jobs run at full speed; quotas far above what the tests use.</summary>
public sealed class FastOpenStackServer : OpenStackServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VolumeBackup:Quotas:Volumes"] = "100",
        ["VolumeBackup:Quotas:Gigabytes"] = "1000",
    };
}

/// <summary>
/// Jobs move 64 KiB/s through the object store, so a backup of 16 MiB stays <c>creating</c> (its volume
/// <c>backing-up</c>) for minutes: long enough to hit the status rules with several client commands. Quotas are
/// small (3 volumes, 3 GB per project) so that they can be reached.
/// </summary>
public sealed class SlowSmallQuotaOpenStackServer : OpenStackServerFixture
{
    public const long BytesPerSecond = 64 << 10;
    public const int QuotaVolumes = 3;
    public const int QuotaGigabytes = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VolumeBackup:Backups:MaxBytesPerSecond"] = BytesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VolumeBackup:Quotas:Volumes"] = QuotaVolumes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VolumeBackup:Quotas:Gigabytes"] = QuotaGigabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
