using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Keystone;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// Keystone mode: asks Keystone (with the service user's token) what an <c>X-Auth-Token</c> is worth, as
/// keystonemiddleware does. Keystone unavailable: 503, never "allowed". Minimal: no cache.
/// </summary>
internal sealed class KeystoneTokenValidator(KeystoneServiceSession session) : ITokenValidator
{
    public async ValueTask<ValidatedToken?> ValidateAsync(string token, CancellationToken ct)
    {
        KeystoneToken? validated;
        try
        {
            validated = await session.RunAsync(service => session.Client.ValidateAsync(service, token, ct), ct);
        }
        catch (KeystoneException e) when (e.IsUnavailable)
        {
            throw new FaultException(Fault.ServiceUnavailable("The identity service is unavailable, please try again later."));
        }

        if (validated?.ProjectId is not { } project)
        {
            return null; // unknown, expired, revoked, or not scoped to a project
        }

        return new ValidatedToken(new TenantIdentity(project, validated.UserName, validated.Roles), validated);
    }
}
