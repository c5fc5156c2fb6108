using System.Globalization;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.Testing.Keystone;

/// <summary>
/// The <c>VolumeBackup:Identity</c> settings of a test server in Keystone mode: by default the local Keystone of
/// <see cref="KeystoneFixture"/> and its service user. Tests pick the cache, the timeout, or another AuthUrl (a closed
/// port, a silent listener) to see how the server behaves.
/// </summary>
public sealed record KeystoneServerSettings
{
    public const string Section = "VolumeBackup:Identity:Keystone:";

    public Uri AuthUrl { get; init; } = KeystoneFixture.AuthUrl;

    /// <summary>The service user; its project is the service project.</summary>
    public KeystoneUser ServiceUser { get; init; } = KeystoneFixture.Service;

    /// <summary>Null keeps the server's default.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Null keeps the server's default (1 minute); zero disables the cache.</summary>
    public TimeSpan? TokenCacheLifetime { get; init; }

    public int? TokenCacheSize { get; init; }

    /// <summary>More keys of the section, without the prefix, e.g. <c>["TrustLifetime"] = "01:00:00"</c>.</summary>
    public IReadOnlyDictionary<string, string> More { get; init; } = new Dictionary<string, string>();

    /// <summary>The settings as configuration keys, for <see cref="ServerSettings.Settings"/>.</summary>
    public IReadOnlyDictionary<string, string> ToSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VolumeBackup:Identity:Kind"] = "Keystone",
            [Section + "AuthUrl"] = AuthUrl.AbsoluteUri,
            [Section + "ServiceUser"] = ServiceUser.Name,
            [Section + "ServicePassword"] = ServiceUser.Password,
            [Section + "ServiceProject"] = ServiceUser.Project,
        };
        Add(settings, "RequestTimeout", RequestTimeout);
        Add(settings, "TokenCacheLifetime", TokenCacheLifetime);
        if (TokenCacheSize is { } size)
        {
            settings[Section + "TokenCacheSize"] = size.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in More)
        {
            settings[Section + key] = value;
        }

        return settings;
    }

    private static void Add(Dictionary<string, string> settings, string key, TimeSpan? value)
    {
        if (value is { } span)
        {
            settings[Section + key] = span.ToString("c", CultureInfo.InvariantCulture);
        }
    }
}
