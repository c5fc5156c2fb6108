using Microsoft.Extensions.Options;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Policies;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Trusts;

namespace VolumeBackup.Server.Operations.Policies;

/// <summary>
/// Backup policies for both API surfaces: the rules (<see cref="PolicyRules"/>) are checked on the policy as it would be
/// stored, before anything changes. With user-mode Swift and Keystone, create takes a trust from the caller without
/// expiry; the schedule's jobs use it, and it is deleted with the policy (or, when a job of the policy still runs, by
/// that job's end).
/// </summary>
internal sealed class PolicyService(
    PolicyStore policies,
    JobQueue queue,
    VolumeStore volumes,
    UserStoreTrusts trusts,
    TenantContext caller,
    IOptions<BackupOptions> options,
    TimeProvider time)
{
    public Task<List<BackupPolicy>> ListAsync(string tenantId, long? volumeId, CancellationToken ct) =>
        policies.ListAsync(tenantId, volumeId, ct);

    public async Task<BackupPolicy> GetAsync(string tenantId, long id, string shownId, CancellationToken ct) =>
        await policies.FindAsync(tenantId, id, ct) ?? throw PolicyFaults.NotFound(shownId);

    public async Task<BackupPolicy> CreateAsync(string tenantId, string? userId, PolicyChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Schedule is null)
        {
            throw Invalid("schedule", "is required");
        }

        var volumeId = changes.VolumeId ?? throw Invalid("volume_id", "is required");
        var policy = new BackupPolicy { TenantId = tenantId, UserId = userId, VolumeId = volumeId };
        Apply(policy, changes);
        PolicyRules.Validate(policy, MinIntervalSeconds);
        _ = await volumes.FindAsync(tenantId, volumeId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(volumeId))));
        policy.NextRunAt = PolicySchedule.FirstDue(policy, time.GetUtcNow());

        policy.TrustId = await trusts.TakeAsync(caller, tenantId, ct, lasting: true);
        try
        {
            return await policies.AddAsync(policy, ct);
        }
        catch
        {
            await trusts.DeleteAsync(policy.TrustId, CancellationToken.None); // no policy holds it
            throw;
        }
    }

    public async Task<BackupPolicy> UpdateAsync(string tenantId, long id, string shownId, PolicyChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var policy = await GetAsync(tenantId, id, shownId, ct);
        if (changes.VolumeId is { } volumeId && volumeId != policy.VolumeId)
        {
            throw Invalid("volume_id", "cannot be changed (make a new policy for another volume)");
        }

        var wasEnabled = policy.Enabled;
        Apply(policy, changes);
        PolicyRules.Validate(policy, MinIntervalSeconds);
        if (changes.Schedule is not null || (policy.Enabled && !wasEnabled))
        {
            policy.NextRunAt = PolicySchedule.FirstDue(policy, time.GetUtcNow()); // a new schedule starts from now
        }

        return await policies.SaveAsync(policy, ct) ? policy : throw PolicyFaults.NotFound(shownId);
    }

    public async Task DeleteAsync(string tenantId, long id, string shownId, CancellationToken ct)
    {
        var policy = await GetAsync(tenantId, id, shownId, ct);
        if (!await policies.DeleteAsync(policy.Id, ct))
        {
            throw PolicyFaults.NotFound(shownId);
        }

        // A job of the schedule still running needs the trust: its end deletes it, since no policy holds it any more.
        if (policy.TrustId is { } trustId && !await queue.HasUnfinishedWithTrustAsync(trustId, ct))
        {
            await trusts.DeleteAsync(trustId, CancellationToken.None);
        }
    }

    private long MinIntervalSeconds => (long)options.Value.MinPolicyInterval.TotalSeconds;

    private static void Apply(BackupPolicy policy, PolicyChanges changes)
    {
        policy.Name = changes.Name ?? policy.Name;
        policy.Container = changes.Container ?? policy.Container;
        if (changes.Schedule is { } schedule)
        {
            policy.IntervalSeconds = schedule.IntervalSeconds;
            policy.Cron = schedule.Cron;
            policy.TimeZone = schedule.TimeZone ?? "UTC";
        }

        policy.Force = changes.Force ?? policy.Force;
        policy.KeepLast = changes.KeepLast ?? policy.KeepLast;
        policy.KeepHourly = changes.KeepHourly ?? policy.KeepHourly;
        policy.KeepDaily = changes.KeepDaily ?? policy.KeepDaily;
        policy.KeepWeekly = changes.KeepWeekly ?? policy.KeepWeekly;
        policy.KeepMonthly = changes.KeepMonthly ?? policy.KeepMonthly;
        policy.KeepYearly = changes.KeepYearly ?? policy.KeepYearly;
        policy.Enabled = changes.Enabled ?? policy.Enabled;
    }

    private static FaultException Invalid(string field, string expectation) =>
        new(Fault.BadRequest(FaultMessages.InvalidField(field, expectation)));
}
