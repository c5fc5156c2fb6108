using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Keystone;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// What a token is worth: the caller's identity, and in Keystone mode what Keystone said about the token (its user id,
/// expiry and catalog, which user-mode Swift needs to take a trust and find the user's account).
/// </summary>
internal sealed record ValidatedToken(TenantIdentity Identity, KeystoneToken? Keystone = null);
