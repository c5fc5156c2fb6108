using VolumeBackup.Domain.Tenancy;

namespace VolumeBackup.Server.Identity.Policies;

/// <summary>What a policy asks of the caller, weakest first: Keystone's default roles, each implying the ones before it.</summary>
internal enum AccessLevel
{
    /// <summary>No role that any policy accepts.</summary>
    None = 0,

    /// <summary>Role <c>reader</c>: reads only.</summary>
    Reader = 1,

    /// <summary>Role <c>member</c>: also creates, changes and deletes the project's resources.</summary>
    Member = 2,

    /// <summary>Role <c>admin</c>: also the admin actions, on every project.</summary>
    Admin = 3,
}

/// <summary>
/// The caller's level from the token's roles. Keystone usually lists implied roles in the token already (admin brings
/// member and reader), but a deployment may not define the implications, so they are applied here again.
/// </summary>
internal static class AccessLevels
{
    public const string MemberRole = "member";
    public const string ReaderRole = "reader";

    public static AccessLevel Of(TenantIdentity caller)
    {
        if (caller.IsAdmin)
        {
            return AccessLevel.Admin;
        }

        if (caller.Roles.Contains(MemberRole, StringComparer.Ordinal))
        {
            return AccessLevel.Member;
        }

        return caller.Roles.Contains(ReaderRole, StringComparer.Ordinal) ? AccessLevel.Reader : AccessLevel.None;
    }
}
