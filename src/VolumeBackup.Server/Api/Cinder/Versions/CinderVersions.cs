namespace VolumeBackup.Server.Api.Cinder.Versions;

/// <summary>
/// The microversions this service speaks. <see cref="Max"/> is advertised by discovery and is the one place to raise
/// when a microversion's changes are really implemented (docs/cinder-api.md lists them); clients negotiate down to it.
/// </summary>
internal static class CinderVersions
{
    public static CinderApiVersion Min { get; } = new(3, 0);

    public static CinderApiVersion Max { get; } = new(3, 0);

    /// <summary>From this version on, the project id may be left out of the URL (<c>/v3/backups</c>).</summary>
    public const int ProjectlessUrls = 67;

    /// <summary>When the v3 API's version document says it last changed.</summary>
    public const string Updated = "2026-12-01T00:00:00Z";
}
