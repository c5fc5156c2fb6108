namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>Cinder's volumes resource: <c>/v3/{project_id}/volumes</c>.</summary>
internal static class CinderVolumesEndpoints
{
    public static void MapCinderVolumes(this RouteGroupBuilder project)
    {
        _ = project.MapGroup("/volumes");
    }
}
