namespace VolumeBackup.Server.Identity;

/// <summary>Turns an <c>X-Auth-Token</c> into the identity it stands for: from tokens.json, or from Keystone v3.</summary>
internal interface ITokenValidator
{
    /// <summary>
    /// The token's identity, or null when the token is unknown, expired or revoked. Never throws for a bad token; throws a
    /// <see cref="VolumeBackup.Domain.Faults.FaultException"/> with 503 when the identity service cannot say, and with 403
    /// for a genuine token that grants nothing here (a Keystone token scoped to no project).
    /// </summary>
    ValueTask<ValidatedToken?> ValidateAsync(string token, CancellationToken ct);
}
