using VolumeBackup.Client.Backups;
using VolumeBackup.Client.Http;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Client.Policies;
using VolumeBackup.Client.Volumes;

namespace VolumeBackup.Client;

/// <summary>
/// The SDK's entry point: <see cref="Backups"/>, <see cref="Volumes"/> and <see cref="Policies"/> of one tenant at one endpoint.
/// Thread-safe; keep one per endpoint and tenant.
/// </summary>
public sealed class VolumeBackupClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with this client.</summary>
    public VolumeBackupClient(VolumeBackupClientOptions options)
        : this(new HttpClient(), options, ownsHttpClient: true)
    {
    }

    /// <summary>Creates a client over the caller's <see cref="HttpClient"/>, which the caller keeps and disposes.</summary>
    public VolumeBackupClient(HttpClient httpClient, VolumeBackupClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private VolumeBackupClient(HttpClient httpClient, VolumeBackupClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        var transport = new ApiTransport(httpClient, options);
        Volumes = new VolumesClient(transport);
        Backups = new BackupsClient(transport, new BackupJobPoller(transport, Volumes, options.TimeProvider));
        Policies = new PoliciesClient(transport);
        TenantBase = transport.TenantBase;
    }

    public BackupsClient Backups { get; }

    public VolumesClient Volumes { get; }

    /// <summary>Backup policies: schedules that back a volume up and prune what they made.</summary>
    public PoliciesClient Policies { get; }

    /// <summary>The URL every call is relative to: <c>{endpoint}/v1.1/{tenant_id}/</c>.</summary>
    public Uri TenantBase { get; }

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }
}
