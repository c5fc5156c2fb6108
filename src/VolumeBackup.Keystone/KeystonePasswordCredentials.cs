namespace VolumeBackup.Keystone;

/// <summary>A user who logs in with a password, by name within a domain (Keystone's usual form for service users).</summary>
public sealed record KeystonePasswordCredentials(string UserName, string Password, string UserDomainName = "Default")
{
    /// <summary>Never the password.</summary>
    public override string ToString() => $"user '{UserName}' (domain {UserDomainName})";
}
