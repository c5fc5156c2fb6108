namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// The one volume type of this service: every volume is a sparse file of one kind. Cinder names its built-in type
/// <c>__DEFAULT__</c>; its id is fixed here so that clients that cache it (3.63 shows it) see the same id on every node.
/// </summary>
internal static class CinderVolumeType
{
    public const string Name = "__DEFAULT__";

    public const string Id = "5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e01";

    /// <summary>Whether a create request's <c>volume_type</c> (a name or an id) names this type.</summary>
    public static bool Names(string value) =>
        string.Equals(value, Name, StringComparison.Ordinal) || string.Equals(value, Id, StringComparison.OrdinalIgnoreCase);
}
