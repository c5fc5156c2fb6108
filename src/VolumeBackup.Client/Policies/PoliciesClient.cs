using VolumeBackup.Client.Http;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Client.Policies;

/// <summary>Backup policies at <c>/v1.1/{tenant_id}/hp-volume-backup-policies</c> (an extension of the spec).</summary>
public sealed class PoliciesClient
{
    private const string Path = "hp-volume-backup-policies";

    private readonly ApiTransport _transport;

    internal PoliciesClient(ApiTransport transport) => _transport = transport;

    /// <summary>The tenant's policies in id order, only those of <paramref name="volumeId"/> when given.</summary>
    public async Task<IReadOnlyList<BackupPolicyView>> ListAsync(string? volumeId = null, CancellationToken ct = default) =>
        await _transport.GetAsync(
                Path + (volumeId is null ? string.Empty : "?volume_id=" + Uri.EscapeDataString(volumeId)),
                "policies",
                ClientJsonContext.Default.ListBackupPolicyView,
                ct)
            .ConfigureAwait(false);

    /// <summary>Shows one policy; an unknown id throws <see cref="VolumeBackupApiException"/> with <c>itemNotFound</c>.</summary>
    public Task<BackupPolicyView> GetAsync(string policyId, CancellationToken ct = default) =>
        _transport.GetAsync(Path + "/" + Uri.EscapeDataString(policyId), "policy", ClientJsonContext.Default.BackupPolicyView, ct);

    /// <summary>Creates a policy; <see cref="PolicyRequest.VolumeId"/> and a schedule are required. Not retried.</summary>
    public Task<BackupPolicyView> CreateAsync(PolicyRequest request, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path, "policy", request, ClientJsonContext.Default.PolicyRequest, "policy", ClientJsonContext.Default.BackupPolicyView, ct);

    /// <summary>
    /// Changes a policy: null fields keep their value, a given schedule replaces the whole schedule and restarts it
    /// from now. The volume cannot be changed. Not retried.
    /// </summary>
    public Task<BackupPolicyView> UpdateAsync(string policyId, PolicyRequest change, CancellationToken ct = default) =>
        _transport.PutAsync(
            Path + "/" + Uri.EscapeDataString(policyId), "policy", change, ClientJsonContext.Default.PolicyRequest,
            "policy", ClientJsonContext.Default.BackupPolicyView, ct);

    /// <summary>Deletes a policy (202); the backups it made stay.</summary>
    public Task DeleteAsync(string policyId, CancellationToken ct = default) =>
        _transport.DeleteAsync(Path + "/" + Uri.EscapeDataString(policyId), ct);
}
