namespace VolumeBackup.Server.Identity;

/// <summary>Turns an <c>X-Auth-Token</c> into the identity it stands for: from tokens.json, or from Keystone v3.</summary>
internal interface ITokenValidator
{
    /// <summary>
    /// The token's identity, or null when the token is unknown, expired or revoked. Never throws for a bad token; throws
    /// <see cref="VolumeBackup.Keystone.KeystoneException"/> when the identity service cannot say (the request gets 503).
    /// </summary>
    ValueTask<ValidatedToken?> ValidateAsync(string token, CancellationToken ct);
}
