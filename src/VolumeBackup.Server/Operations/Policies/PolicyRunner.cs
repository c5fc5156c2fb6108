using Microsoft.Extensions.Options;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Policies;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Operations.Policies;

/// <summary>
/// One due time of one policy. The guarded claim (<see cref="PolicyStore.TryClaimAsync"/>) moves the due time on first,
/// so of all nodes exactly one goes on, and a run that fails never runs again for the same due time. The winner
/// creates the backup through <see cref="BackupService"/> (the API's path, under the policy's trust), then prunes the
/// policy's backups through the API's delete path. A run that cannot start records why and waits for the next due time.
/// </summary>
internal sealed class PolicyRunner(
    PolicyStore policies, BackupService backups, IOptions<BackupOptions> options, TimeProvider time, ILogger<PolicyRunner> logger)
{
    /// <summary>Runs <paramref name="policy"/>'s due time if this node wins it; false when another node did.</summary>
    public async Task<bool> RunAsync(BackupPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var due = policy.NextRunAt;
        var next = PolicySchedule.NextDue(policy, due, time.GetUtcNow());
        if (!await policies.TryClaimAsync(policy.Id, due, next, ct))
        {
            return false;
        }

        var lent = new LentTrust(policy.TrustId);
        string result;
        long? backupId = null;
        try
        {
            var container = policy.Container ?? options.Value.DefaultContainer;
            var request = new NewBackup(policy.VolumeId, BackupName(policy, due), $"Made by backup policy {RouteIds.Format(policy.Id)}.", container)
            {
                Force = policy.Force,
                PolicyId = policy.Id,
            };
            var backup = await backups.CreateAsync(policy.TenantId, policy.UserId, request, ct, lent);
            backupId = backup.Id;
            result = $"started backup {RouteIds.Format(backup.Id)}";
        }
        catch (FaultException e)
        {
            result = $"skipped: {e.Fault.Message}"; // volume busy, host down, quota...: the next due time tries again
        }

        await policies.RecordResultAsync(policy.Id, result, backupId, CancellationToken.None);
        logger.PolicyRan(policy.Id, due, result);
        await PruneAsync(policy, lent, ct);
        return true;
    }

    private async Task PruneAsync(BackupPolicy policy, LentTrust lent, CancellationToken ct)
    {
        var candidates = await policies.RetentionCandidatesAsync(policy.Id, ct);
        foreach (var id in Retention.Prune(candidates, RetentionRules.Of(policy), PolicySchedule.Zone(policy)))
        {
            try
            {
                await backups.DeleteAsync(policy.TenantId, id, ct, lent);
            }
            catch (FaultException e)
            {
                logger.PolicyPruneFailed(policy.Id, id, e.Fault.Message); // a restore began meanwhile: the next run tries again
            }
        }
    }

    private static string BackupName(BackupPolicy policy, DateTimeOffset due) =>
        $"{policy.Name ?? "policy-" + RouteIds.Format(policy.Id)}-{due.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
}
