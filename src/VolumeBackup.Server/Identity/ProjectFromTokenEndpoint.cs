namespace VolumeBackup.Server.Identity;

/// <summary>
/// Endpoint metadata for tenant-scoped endpoints whose URL names no tenant (Cinder's project-less <c>/v3/...</c>
/// paths): the request acts on the token's own tenant.
/// </summary>
internal sealed class ProjectFromTokenEndpoint
{
    public static ProjectFromTokenEndpoint Instance { get; } = new();

    private ProjectFromTokenEndpoint()
    {
    }
}
