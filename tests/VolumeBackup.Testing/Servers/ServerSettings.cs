using VolumeBackup.Persistence;
using VolumeBackup.Testing.Keystone;

namespace VolumeBackup.Testing.Servers;

/// <summary>How a test server is configured: extra <c>VolumeBackup:*</c> settings and the database to use.</summary>
public sealed record ServerSettings
{
    /// <summary>Extra settings as configuration keys, e.g. <c>["VolumeBackup:Quotas:Gigabytes"] = "10"</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Where the server listens, e.g. <c>http://127.0.0.1:8776</c> where the test Keystone's catalog points; null takes a
    /// free loopback port.
    /// </summary>
    public string? Urls { get; init; }

    /// <summary>Required for Postgres (see PostgresServer.CreateDatabaseAsync).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// These settings in Keystone mode (<paramref name="keystone"/>, by default the local Keystone with the server's own
    /// cache defaults); keys already set here win, so a test may override any of them.
    /// </summary>
    public ServerSettings WithKeystone(KeystoneServerSettings? keystone = null)
    {
        var merged = new Dictionary<string, string>((keystone ?? new KeystoneServerSettings()).ToSettings(), StringComparer.Ordinal);
        foreach (var (key, value) in Settings)
        {
            merged[key] = value;
        }

        return this with { Settings = merged };
    }

    /// <summary>The command-line switches that start a server with these settings on <paramref name="dataDirectory"/>.</summary>
    public IReadOnlyList<string> ToArguments(string dataDirectory, string urls)
    {
        var args = new List<string>
        {
            "--urls", urls,
            "--VolumeBackup:DataDirectory=" + dataDirectory,
            "--VolumeBackup:NodeHost=test-node",
            "--VolumeBackup:Database:Provider=" + Database,
            "--Logging:LogLevel:Default=Warning",
        };
        if (ConnectionString is not null)
        {
            args.Add("--VolumeBackup:Database:ConnectionString=" + ConnectionString);
        }

        args.AddRange(Settings.Select(pair => $"--{pair.Key}={pair.Value}"));
        return args;
    }
}
