namespace VolumeBackup.ObjectStores.Swift;

/// <summary>The Swift cluster, the mode, and the accounts backups go to.</summary>
public sealed class SwiftOptions
{
    /// <summary>Auth v1.0 endpoint, e.g. <c>http://127.0.0.1:8080/auth/v1.0</c>.</summary>
    public Uri? AuthUrl { get; set; }

    public SwiftMode Mode { get; set; } = SwiftMode.User;

    /// <summary>User mode: each tenant's own account (tenant id -> credentials). A tenant not listed has no store.</summary>
    public Dictionary<string, SwiftAccountCredentials> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Service mode: the operator account holding every tenant's containers.</summary>
    public SwiftAccountCredentials? ServiceAccount { get; set; }

    /// <summary>
    /// Service mode: a tenant's container <c>c</c> is <c>{ContainerPrefix}{tenant}_{c}</c> in the operator account.
    /// Tenant ids may then hold only letters, digits and '-', so that no two tenants' names can meet.
    /// </summary>
    public string ContainerPrefix { get; set; } = string.Empty;

    /// <summary>Longest time one HTTP exchange (request and response body) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Parallel connections per Swift endpoint; at least as many as the data path's parallel requests.</summary>
    public int MaxConnections { get; set; } = 32;

    /// <summary>Names per listing request (Swift allows at most 10,000).</summary>
    public int ListPageSize { get; set; } = 10_000;

    /// <summary>Uses Swift's bulk delete (one request for up to 10,000 objects) when the cluster offers it.</summary>
    public bool UseBulkDelete { get; set; } = true;
}
