namespace VolumeBackup.Server.Hosting;

/// <summary>
/// How the service talks to Keystone (section <c>VolumeBackup:Identity:Keystone</c>): where it is, the service's own
/// user (which validates users' tokens and redeems their trusts), the token cache and the trusts jobs run on.
/// </summary>
internal sealed class KeystoneOptions
{
    /// <summary>Keystone's v3 URL, e.g. <c>http://keystone:5000/v3</c>.</summary>
    public Uri? AuthUrl { get; set; }

    public string ServiceUser { get; set; } = "volumebackup";

    public string? ServicePassword { get; set; }

    public string ServiceUserDomain { get; set; } = "Default";

    public string ServiceProject { get; set; } = "service";

    public string ServiceProjectDomain { get; set; } = "Default";

    /// <summary>Longest wait for one Keystone answer; past it Keystone counts as unavailable (503).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a validated token is trusted without asking Keystone again (never past the token's expiry).</summary>
    public TimeSpan TokenCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most validated tokens kept in the cache.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>Which catalog endpoints to use (the object-store endpoint of user-mode Swift): public, internal or admin.</summary>
    public string EndpointInterface { get; set; } = "public";

    /// <summary>The catalog region to use; null takes the first endpoint of the interface.</summary>
    public string? Region { get; set; }

    /// <summary>The roles a job's trust delegates; Swift must let them write (its operator roles).</summary>
    public IList<string> TrustRoles { get; set; } = ["member"];

    /// <summary>A trust expires after this even when the service never deletes it (a crash at the wrong moment).</summary>
    public TimeSpan TrustLifetime { get; set; } = TimeSpan.FromDays(7);
}
