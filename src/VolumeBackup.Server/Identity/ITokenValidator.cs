using VolumeBackup.Domain.Tenancy;

namespace VolumeBackup.Server.Identity;

/// <summary>Turns an <c>X-Auth-Token</c> into the identity it stands for. A Keystone v3 validator comes later.</summary>
internal interface ITokenValidator
{
    /// <summary>The token's identity, or null when the token is unknown, expired or revoked. Never throws for a bad token.</summary>
    ValueTask<TenantIdentity?> ValidateAsync(string token, CancellationToken ct);
}
