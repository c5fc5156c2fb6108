namespace VolumeBackup.Server.Hosting;

/// <summary>Who may call the API (section <c>VolumeBackup:Identity</c>): static tokens, or a Keystone.</summary>
internal sealed class IdentityOptions
{
    public IdentityKind Kind { get; set; } = IdentityKind.Static;

    /// <summary>Used when <see cref="Kind"/> is <see cref="IdentityKind.Keystone"/>.</summary>
    public KeystoneOptions Keystone { get; set; } = new();
}

internal enum IdentityKind
{
    /// <summary>Tokens from tokens.json in the data directory: the embedded default.</summary>
    Static,

    /// <summary>Every token is validated by Keystone v3, as an OpenStack service does.</summary>
    Keystone,
}
