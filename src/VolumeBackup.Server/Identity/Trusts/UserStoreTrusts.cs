using VolumeBackup.Domain.Faults;
using VolumeBackup.Keystone;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Identity.Trusts;

/// <summary>
/// User-mode Swift with Keystone: jobs reach the tenant's own account through a Keystone trust the caller grants the
/// service user when the request arrives, redeemed by the service user whenever the job needs a token (first use,
/// after a 401), deleted once the job ended for good. Requests that read the store use the caller's own token.
/// Disabled (every method a no-op) in static-identity mode and for any other object store.
/// </summary>
internal sealed class UserStoreTrusts
{
    /// <summary>The catalog's service type of Swift.</summary>
    public const string ObjectStoreService = "object-store";

    private readonly KeystoneServiceSession? _session;
    private readonly KeystoneOptions? _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UserStoreTrusts> _logger;

    private UserStoreTrusts(KeystoneServiceSession? session, KeystoneOptions? options, TimeProvider time, ILogger<UserStoreTrusts> logger)
    {
        _session = session;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether jobs work under trusts (Keystone identity and Swift in user mode).</summary>
    public bool Enabled => _session is not null;

    public static UserStoreTrusts Create(IServiceProvider services, VolumeBackupOptions options)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<UserStoreTrusts>>();
        return IsNeeded(options)
            ? new UserStoreTrusts(services.GetRequiredService<KeystoneServiceSession>(), options.Identity.Keystone, time, logger)
            : new UserStoreTrusts(null, null, time, logger);
    }

    public static bool IsNeeded(VolumeBackupOptions options) =>
        options.Identity.Kind == IdentityKind.Keystone
        && options.ObjectStore.Kind == ObjectStoreKind.Swift
        && options.ObjectStore.Swift.Mode == ObjectStores.Swift.SwiftMode.User;

    /// <summary>
    /// Takes a trust from the caller for a job on <paramref name="tenantId"/>'s store; null when trusts are not used.
    /// Keystone unavailable: 503, nothing taken. The caller's token must be scoped to the tenant (Keystone lets a user
    /// delegate only roles it holds on the project). A <paramref name="lasting"/> trust (a policy's) has no expiry: it
    /// lives until its policy is deleted.
    /// </summary>
    public async Task<string?> TakeAsync(TenantContext caller, string tenantId, CancellationToken ct, bool lasting = false)
    {
        if (_session is null || _options is null)
        {
            return null;
        }

        var token = TokenScopedTo(caller, tenantId,
            $"Jobs on project {tenantId}'s object store run under a trust only a token scoped to that project can grant.");
        try
        {
            var trustee = await _session.GetTokenAsync(ct);
            var trust = await _session.Client.CreateTrustAsync(
                token.Value, token.UserId, trustee.UserId, tenantId, _options.TrustRoles, lasting ? null : _time.GetUtcNow() + _options.TrustLifetime,
                impersonation: true, ct);
            _logger.TrustTaken(trust.Id, tenantId, token.UserId);
            return trust.Id;
        }
        catch (KeystoneException e) when (e.IsUnavailable)
        {
            throw new FaultException(Fault.ServiceUnavailable("The identity service is unavailable, please try again later.", RetryAfterHints.IdentityUnavailable));
        }
        catch (KeystoneException e)
        {
            throw new FaultException(Fault.Forbidden($"The identity service refused the trust the job needs: {e.Message}"));
        }
    }

    /// <summary>Deletes a trust with the service user's token (it holds admin); false when it could not (logged).</summary>
    public async Task<bool> DeleteAsync(string? trustId, CancellationToken ct)
    {
        if (_session is null || trustId is null)
        {
            return true;
        }

        try
        {
            var existed = await _session.RunAsync(token => _session.Client.DeleteTrustAsync(token, trustId, ct), ct);
            _logger.TrustDeleted(trustId, existed);
            return true;
        }
        catch (Exception e) when (e is KeystoneException or OperationCanceledException)
        {
            _logger.TrustNotDeleted(e, trustId);
            return false;
        }
    }

    /// <summary>
    /// A job ended for good: deletes its trust and forgets it in the job's row. Best effort: what fails here the sweep
    /// (<see cref="SweepAsync"/>) deletes later, and the trust's expiry is the last backstop.
    /// </summary>
    public async Task ReleaseAsync(JobQueue queue, long jobId, string? trustId, CancellationToken ct)
    {
        if (_session is null || trustId is null)
        {
            return;
        }

        // A policy's trust outlives the jobs of its schedule: the job only forgets it.
        if (await queue.IsPolicyTrustAsync(trustId, ct) || await DeleteAsync(trustId, ct))
        {
            await queue.ForgetTrustAsync(jobId, trustId, ct);
        }
    }

    /// <summary>
    /// Deletes the trusts of finished jobs that still name one (a crash between the end and the deletion, Keystone
    /// down then). Returns how many were released; stops at the first one Keystone could not delete.
    /// </summary>
    public async Task<int> SweepAsync(JobQueue queue, int batchSize, CancellationToken ct)
    {
        if (_session is null)
        {
            return 0;
        }

        var released = 0;
        foreach (var job in await queue.FindFinishedWithTrustAsync(batchSize, ct))
        {
            if (!await queue.IsPolicyTrustAsync(job.TrustId!, ct) && !await DeleteAsync(job.TrustId, ct))
            {
                break; // Keystone is out: the next pass tries again
            }

            await queue.ForgetTrustAsync(job.Id, job.TrustId!, ct);
            released++;
        }

        return released;
    }

    /// <summary>Credentials for a job: the service user redeems the trust for a token on the tenant's account.</summary>
    public IStoreCredentials ForTrust(string tenantId, string trustId) =>
        new TrustStoreCredentials(_session ?? throw new InvalidOperationException("Trusts are not in use."), _options!, tenantId, trustId);

    /// <summary>Credentials for a request: the caller's own token on the tenant's account from the token's catalog.</summary>
    public IStoreCredentials ForCaller(TenantContext caller, string tenantId)
    {
        var token = TokenScopedTo(caller, tenantId, $"Project {tenantId}'s object store opens only with a token scoped to that project.");
        var url = token.FindEndpoint(ObjectStoreService, _options!.EndpointInterface, _options.Region)
            ?? throw new FaultException(Fault.ServiceUnavailable($"The token's catalog names no {_options.EndpointInterface} object-store endpoint.", RetryAfterHints.Misconfigured));
        return new FixedStoreCredentials(new StoreSession(url, token.Value));
    }

    // The caller's Keystone token, which must be scoped to the tenant whose store is reached: else 403 with forbidden.
    private static KeystoneToken TokenScopedTo(TenantContext caller, string tenantId, string forbidden)
    {
        var token = caller.Keystone ?? throw new InvalidOperationException("Keystone mode without the caller's Keystone token.");
        return string.Equals(token.ProjectId, tenantId, StringComparison.Ordinal)
            ? token
            : throw new FaultException(Fault.Forbidden(forbidden));
    }

    private sealed class FixedStoreCredentials(StoreSession session) : IStoreCredentials
    {
        public Task<StoreSession> AuthenticateAsync(StoreSession? stale, CancellationToken ct) => Task.FromResult(session);
    }
}
