namespace VolumeBackup.Server.Api.Cinder.Versions;

/// <summary>
/// The microversions this service speaks. <see cref="Max"/> is advertised by discovery and is the one place to raise
/// when a microversion's changes are really implemented (docs/cinder-api.md lists them); clients negotiate down to it.
/// </summary>
internal static class CinderVersions
{
    public static CinderApiVersion Min { get; } = new(3, 0);

    public static CinderApiVersion Max { get; } = new(3, 67);

    /// <summary>Backups: PUT (update of name and description).</summary>
    public const int BackupUpdate = 9;

    /// <summary>Backups: <c>os-backup-project-attr:project_id</c> in show and detail (admins).</summary>
    public const int BackupProjectAttribute = 18;

    /// <summary>Lists: an unknown query parameter is a 400 instead of being ignored.</summary>
    public const int StrictFilters = 31;

    /// <summary>Backups: metadata on create, update and show.</summary>
    public const int BackupMetadata = 43;

    /// <summary>Lists: <c>with_count</c> adds <c>count</c>.</summary>
    public const int ListCount = 45;

    /// <summary>Backups: <c>availability_zone</c> on create.</summary>
    public const int BackupAvailabilityZone = 51;

    /// <summary>Backups: <c>user_id</c> in show and detail (admins).</summary>
    public const int BackupUserId = 56;

    /// <summary>From this version on, the project id may be left out of the URL (<c>/v3/backups</c>).</summary>
    public const int ProjectlessUrls = 67;

    /// <summary>When the v3 API's version document says it last changed.</summary>
    public const string Updated = "2026-12-01T00:00:00Z";
}
