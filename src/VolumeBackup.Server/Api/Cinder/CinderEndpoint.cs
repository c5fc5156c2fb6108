namespace VolumeBackup.Server.Api.Cinder;

/// <summary>Endpoint metadata: the endpoint belongs to the Cinder v3 surface and negotiates a microversion.</summary>
internal sealed class CinderEndpoint
{
    public static CinderEndpoint Instance { get; } = new();

    private CinderEndpoint()
    {
    }
}
