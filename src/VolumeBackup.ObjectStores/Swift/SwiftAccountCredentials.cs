namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// How to reach one Swift account: either a user and key for auth v1.0 (TempAuth; the store authenticates again when
/// its token expires) or a token obtained elsewhere plus the account's storage URL (a Keystone token and the
/// catalog's object-store endpoint; it cannot be renewed, so a rejected token is a permanent failure).
/// </summary>
public sealed class SwiftAccountCredentials
{
    /// <summary>Auth v1.0 user, <c>account:user</c> for TempAuth (e.g. <c>test:tester</c>).</summary>
    public string? User { get; set; }

    public string? Key { get; set; }

    /// <summary>Auth endpoint for this account; falls back to <see cref="SwiftOptions.AuthUrl"/>.</summary>
    public Uri? AuthUrl { get; set; }

    /// <summary>A pre-authenticated token (with <see cref="StorageUrl"/>).</summary>
    public string? Token { get; set; }

    /// <summary>The account's URL, e.g. <c>http://swift:8080/v1/AUTH_tenant</c>. Needed with <see cref="Token"/>.</summary>
    public Uri? StorageUrl { get; set; }

    public static SwiftAccountCredentials ForUser(Uri authUrl, string user, string key) =>
        new() { AuthUrl = authUrl, User = user, Key = key };

    public static SwiftAccountCredentials ForToken(Uri storageUrl, string token) =>
        new() { StorageUrl = storageUrl, Token = token };

    /// <summary>True when the store can obtain a fresh token itself (and so recover from a 401).</summary>
    internal bool CanAuthenticate(Uri? defaultAuthUrl) => User is not null && Key is not null && (AuthUrl ?? defaultAuthUrl) is not null;

    /// <summary>Who these credentials are, for error messages; never the key or token.</summary>
    internal string Describe() => User is not null ? $"user '{User}'" : $"the token for {StorageUrl}";
}
