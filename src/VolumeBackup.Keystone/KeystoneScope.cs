namespace VolumeBackup.Keystone;

/// <summary>What a token is scoped to: a project by name (within a domain) or by id, or a trust.</summary>
public sealed record KeystoneScope
{
    private KeystoneScope()
    {
    }

    public string? ProjectName { get; private init; }

    public string? ProjectDomainName { get; private init; }

    public string? ProjectId { get; private init; }

    public string? TrustId { get; private init; }

    public static KeystoneScope Project(string name, string domainName = "Default") =>
        new() { ProjectName = name, ProjectDomainName = domainName };

    public static KeystoneScope ProjectById(string id) => new() { ProjectId = id };

    public static KeystoneScope Trust(string trustId) => new() { TrustId = trustId };

    public override string ToString() =>
        TrustId is not null ? $"trust {TrustId}" : ProjectId is not null ? $"project {ProjectId}" : $"project '{ProjectName}' (domain {ProjectDomainName})";
}
