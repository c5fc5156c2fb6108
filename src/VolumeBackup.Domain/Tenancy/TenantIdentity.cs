namespace VolumeBackup.Domain.Tenancy;

/// <summary>Who a validated token belongs to: its tenant (project), user and roles.</summary>
public sealed record TenantIdentity(string TenantId, string User, IReadOnlyList<string> Roles)
{
    public const string AdminRole = "admin";

    public bool IsAdmin => Roles.Contains(AdminRole, StringComparer.Ordinal);
}
