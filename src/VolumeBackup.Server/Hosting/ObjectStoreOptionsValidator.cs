using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.Server.Hosting;

/// <summary>
/// Checks <c>VolumeBackup:ObjectStore</c> at start, so a Swift setting that cannot work stops the server with the key
/// named instead of failing the first backup hours later.
/// </summary>
internal static class ObjectStoreOptionsValidator
{
    private const string Prefix = VolumeBackupOptions.SectionName + ":ObjectStore:";

    // Polly accepts delays and timeouts up to a day; the attempt timeout must be at least 10 ms.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Adds a message naming the key to <paramref name="failures"/> for each setting of <paramref name="options"/> that cannot work.</summary>
    /// <param name="options">The object store settings.</param>
    /// <param name="failures">Where the messages go.</param>
    /// <param name="keystoneAccounts">Keystone identity: user-mode accounts come from the catalog through trusts, none are configured.</param>
    public static void Validate(ObjectStoreOptions options, List<string> failures, bool keystoneAccounts = false)
    {
        void Require(bool ok, string key, string rule, object? value)
        {
            if (!ok)
            {
                failures.Add($"{Prefix}{key} {rule} (got '{value}').");
            }
        }

        Require(Enum.IsDefined(options.Kind), "Kind", "must be Filesystem or Swift", options.Kind);
        var retry = options.Retry;
        Require(retry.MaxRetryAttempts is >= 0 and <= 100, "Retry:MaxRetryAttempts", "must be between 0 and 100", retry.MaxRetryAttempts);
        Require(retry.BaseDelay >= TimeSpan.Zero && retry.BaseDelay <= Longest, "Retry:BaseDelay", "must be between 0 and one day", retry.BaseDelay);
        Require(retry.MaxDelay >= retry.BaseDelay && retry.MaxDelay <= Longest, "Retry:MaxDelay", "must be between Retry:BaseDelay and one day", retry.MaxDelay);
        Require(
            retry.AttemptTimeout >= TimeSpan.FromMilliseconds(10) && retry.AttemptTimeout <= Longest,
            "Retry:AttemptTimeout", "must be between 10 ms and one day", retry.AttemptTimeout);
        if (options.Kind == ObjectStoreKind.Swift)
        {
            ValidateSwift(options.Swift, keystoneAccounts, Require);
        }
    }

    private static void ValidateSwift(SwiftOptions swift, bool keystoneAccounts, Action<bool, string, string, object?> require)
    {
        require(swift.AuthUrl is null || IsHttp(swift.AuthUrl), "Swift:AuthUrl", "must be an http(s) URL such as http://swift:8080/auth/v1.0", swift.AuthUrl);
        require(swift.RequestTimeout > TimeSpan.Zero, "Swift:RequestTimeout", "must be positive", swift.RequestTimeout);
        require(swift.MaxConnections >= 1, "Swift:MaxConnections", "must be at least 1", swift.MaxConnections);
        require(swift.ListPageSize is >= 1 and <= 10_000, "Swift:ListPageSize", "must be between 1 and 10000", swift.ListPageSize);
        if (swift.Mode == SwiftMode.User && keystoneAccounts)
        {
            // Each project's own account, AUTH_<project_id>, found in the catalog of the job's trust.
            require(swift.Tenants.Count == 0, "Swift:Tenants", "must be empty with Keystone identity: jobs reach each project's own account through trusts", swift.Tenants.Count);
        }
        else if (swift.Mode == SwiftMode.User)
        {
            require(swift.Tenants.Count > 0, "Swift:Tenants", "must map at least one tenant to its Swift account in User mode", swift.Tenants.Count);
            foreach (var (tenant, account) in swift.Tenants)
            {
                ValidateAccount(account, $"Swift:Tenants:{tenant}", swift.AuthUrl, require);
            }
        }
        else
        {
            require(swift.ServiceAccount is not null, "Swift:ServiceAccount", "is required in Service mode", null);
            if (swift.ServiceAccount is not null)
            {
                ValidateAccount(swift.ServiceAccount, "Swift:ServiceAccount", swift.AuthUrl, require);
            }

            require(
                swift.ContainerPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
                "Swift:ContainerPrefix", "may hold only letters, digits, '-', '_' and '.'", swift.ContainerPrefix);
        }
    }

    // An account is reached with a user and key (auth v1.0, renewable) or with a token and the account's storage URL.
    private static void ValidateAccount(
        SwiftAccountCredentials account, string key, Uri? defaultAuthUrl, Action<bool, string, string, object?> require)
    {
        var withKey = !string.IsNullOrEmpty(account.User) && !string.IsNullOrEmpty(account.Key);
        var withToken = !string.IsNullOrEmpty(account.Token) && account.StorageUrl is not null;
        require(withKey || withToken, key, "needs User and Key, or Token and StorageUrl", account.User ?? account.StorageUrl?.ToString());
        require(!withKey || (account.AuthUrl ?? defaultAuthUrl) is not null, $"{key}:AuthUrl", "(or Swift:AuthUrl) is required with User and Key", null);
        require(account.AuthUrl is null || IsHttp(account.AuthUrl), $"{key}:AuthUrl", "must be an http(s) URL", account.AuthUrl);
        require(account.StorageUrl is null || IsHttp(account.StorageUrl), $"{key}:StorageUrl", "must be an http(s) URL such as http://swift:8080/v1/AUTH_x", account.StorageUrl);
    }

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
