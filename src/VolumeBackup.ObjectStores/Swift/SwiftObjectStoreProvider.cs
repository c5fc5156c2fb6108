using System.Collections.Concurrent;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// Opens tenants' containers in Swift. User mode: the tenant's own account from <see cref="SwiftOptions.Tenants"/>;
/// service mode: the operator account with container <c>{prefix}{tenant}_{container}</c>. Either way the tenant id alone
/// picks the account and container name, so no tenant can reach another's objects by choosing a container name.
/// Keeps one authenticated client per configured account; stores opened with credentials supplied per job or request
/// (user mode without configured accounts, e.g. Keystone trusts) get an account of their own, never shared.
/// </summary>
public sealed partial class SwiftObjectStoreProvider : IObjectStoreProvider, IDisposable
{
    private const string ServiceAccountKey = "\0service";
    private readonly SwiftOptions _options;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, Lazy<SwiftAccount>> _accounts = new(StringComparer.Ordinal);

    /// <param name="options">Cluster, mode and accounts.</param>
    /// <param name="handler">An HTTP handler to use instead of the built-in pooled one (a proxy or fault injection); not disposed here.</param>
    public SwiftObjectStoreProvider(SwiftOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode == SwiftMode.Service && options.ServiceAccount is null)
        {
            throw new ArgumentException("Swift service mode needs ServiceAccount credentials.", nameof(options));
        }

        _options = options;
        _http = SwiftHttp.CreateClient(handler, options.MaxConnections);
    }

    public IObjectStore Open(string tenantId, string container)
    {
        CheckNames(tenantId, container);
        return _options.Mode == SwiftMode.User ? OpenInTenantAccount(tenantId, container) : OpenInServiceAccount(tenantId, container);
    }

    private static void CheckNames(string tenantId, string container)
    {
        if (!ObjectKeys.IsValidContainer(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id.", nameof(tenantId));
        }

        if (!ObjectKeys.IsValidContainer(container))
        {
            throw new ArgumentException($"'{container}' is not a valid container name.", nameof(container));
        }
    }

    public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (_options.Mode == SwiftMode.Service)
        {
            return Open(tenantId, container); // the operator's account: users' credentials play no part
        }

        CheckNames(tenantId, container);
        // An account per open: it lives as long as the job's or request's store, and its token is that caller's alone.
        var account = new SwiftAccount(_http, credentials, _options.RequestTimeout);
        return new SwiftObjectStore(account, container, container, _options.ListPageSize, _options.UseBulkDelete);
    }

    public void Dispose()
    {
        foreach (var account in _accounts.Values.Where(a => a.IsValueCreated))
        {
            account.Value.Dispose();
        }

        _http.Dispose();
    }

    /// <summary>The Swift name of a tenant's container in service mode.</summary>
    public static string ServiceContainerName(string prefix, string tenantId, string container)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (string.IsNullOrEmpty(tenantId) || !tenantId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            // '_' separates tenant and container: a tenant id holding one could collide with another tenant's names.
            throw new ArgumentException($"Tenant id '{tenantId}' may hold only letters, digits and '-' in Swift service mode.", nameof(tenantId));
        }

        var name = $"{prefix}{tenantId}_{container}";
        return ObjectKeys.IsValidContainer(name) ? name : throw new ArgumentException($"Container name '{name}' is too long.", nameof(container));
    }

    private SwiftObjectStore OpenInTenantAccount(string tenantId, string container)
    {
        if (!_options.Tenants.TryGetValue(tenantId, out var credentials))
        {
            throw new ObjectStoreException($"No Swift account is configured for tenant '{tenantId}'.", ObjectStoreErrorKind.AccessDenied);
        }

        return new SwiftObjectStore(AccountFor(tenantId, credentials), container, container, _options.ListPageSize, _options.UseBulkDelete);
    }

    private SwiftObjectStore OpenInServiceAccount(string tenantId, string container)
    {
        var name = ServiceContainerName(_options.ContainerPrefix, tenantId, container);
        var account = AccountFor(ServiceAccountKey, _options.ServiceAccount!);
        return new SwiftObjectStore(account, container, name, _options.ListPageSize, _options.UseBulkDelete);
    }

    private SwiftAccount AccountFor(string key, SwiftAccountCredentials credentials) =>
        _accounts.GetOrAdd(key, _ => new Lazy<SwiftAccount>(
            () => new SwiftAccount(_http, credentials, _options.AuthUrl, _options.RequestTimeout))).Value;
}
