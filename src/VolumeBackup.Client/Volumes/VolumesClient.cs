using VolumeBackup.Client.Http;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Client.Volumes;

/// <summary>The Nova-style volumes API at <c>/v1.1/{tenant_id}/os-volumes</c>.</summary>
public sealed class VolumesClient
{
    private const string Path = "os-volumes";

    private readonly ApiTransport _transport;

    internal VolumesClient(ApiTransport transport) => _transport = transport;

    /// <summary>One page of volumes (os-volumes returns the full view in its list too).</summary>
    public async Task<IReadOnlyList<VolumeDetail>> ListAsync(PageRequest? page = null, CancellationToken ct = default) =>
        await _transport.GetAsync(Path + (page?.ToQuery() ?? string.Empty), "volumes", ClientJsonContext.Default.ListVolumeDetail, ct)
            .ConfigureAwait(false);

    /// <summary>One page of <c>GET os-volumes/detail</c>.</summary>
    public async Task<IReadOnlyList<VolumeDetail>> ListDetailAsync(PageRequest? page = null, CancellationToken ct = default) =>
        await _transport.GetAsync(Path + "/detail" + (page?.ToQuery() ?? string.Empty), "volumes", ClientJsonContext.Default.ListVolumeDetail, ct)
            .ConfigureAwait(false);

    /// <summary>Every volume, fetched <paramref name="pageSize"/> at a time.</summary>
    public IAsyncEnumerable<VolumeDetail> ListAllAsync(int pageSize = 1000, CancellationToken ct = default) =>
        Pager.WalkAsync(ListDetailAsync, v => v.Id, pageSize, ct);

    /// <summary>Shows one volume; an unknown id throws <see cref="VolumeBackupApiException"/> with <c>itemNotFound</c>.</summary>
    public Task<VolumeDetail> GetAsync(string volumeId, CancellationToken ct = default) =>
        _transport.GetAsync(Path + "/" + Uri.EscapeDataString(volumeId), "volume", ClientJsonContext.Default.VolumeDetail, ct);

    /// <summary>Creates a volume of <see cref="CreateVolumeRequest.Size"/> GB. Not retried.</summary>
    public Task<VolumeDetail> CreateAsync(CreateVolumeRequest request, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path, "volume", request, ClientJsonContext.Default.CreateVolumeRequest, "volume", ClientJsonContext.Default.VolumeDetail, ct);

    /// <summary>Deletes a volume (202); it must be <c>available</c> or <c>error</c>.</summary>
    public Task DeleteAsync(string volumeId, CancellationToken ct = default) =>
        _transport.DeleteAsync(Path + "/" + Uri.EscapeDataString(volumeId), ct);
}
