namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>Cinder's backups resource: <c>/v3/{project_id}/backups</c>.</summary>
internal static class CinderBackupsEndpoints
{
    public static void MapCinderBackups(this RouteGroupBuilder project)
    {
        _ = project.MapGroup("/backups");
    }
}
