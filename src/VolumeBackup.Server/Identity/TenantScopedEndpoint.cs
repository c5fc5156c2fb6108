namespace VolumeBackup.Server.Identity;

/// <summary>
/// Endpoint metadata: the endpoint acts on the route's <c>{tenant_id}</c> and needs a token for it. The token check
/// keys on this marker of the matched endpoint, not on the path's spelling, so every way routing reaches the endpoint
/// (any case of the API root, percent-encoded segments) passes through it.
/// </summary>
internal sealed class TenantScopedEndpoint
{
    public const string TenantRouteValue = "tenant_id";

    public static TenantScopedEndpoint Instance { get; } = new();

    private TenantScopedEndpoint()
    {
    }
}
