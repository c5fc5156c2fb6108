using Microsoft.Extensions.Options;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Hosting;

/// <summary>Checks every setting at start; each failure names its full configuration key.</summary>
internal sealed class VolumeBackupOptionsValidator : IValidateOptions<VolumeBackupOptions>
{
    private const string Prefix = VolumeBackupOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, VolumeBackupOptions options)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule, object? value)
        {
            if (!ok)
            {
                failures.Add($"{Prefix}{key} {rule} (got '{value}').");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.DataDirectory), "DataDirectory", "must name a directory", options.DataDirectory);
        Require(Uri.TryCreate(options.Listen, UriKind.Absolute, out _), "Listen", "must be a URL such as http://127.0.0.1:8774", options.Listen);
        Require(!string.IsNullOrWhiteSpace(options.NodeHost), "NodeHost", "must not be empty", options.NodeHost);
        Require(NodeRoles.TryParse(options.Roles) is not null, "Roles", "must be api, worker or api,worker", options.Roles);
        Require(options.Nodes.HeartbeatInterval > TimeSpan.Zero, "Nodes:HeartbeatInterval", "must be positive", options.Nodes.HeartbeatInterval);
        Require(options.Nodes.DownAfter >= 2 * options.Nodes.HeartbeatInterval, "Nodes:DownAfter", "must be at least two heartbeat intervals", options.Nodes.DownAfter);
        Require(options.Nodes.GracePeriod >= TimeSpan.Zero, "Nodes:GracePeriod", "must be zero or positive", options.Nodes.GracePeriod);
        Require(!string.IsNullOrWhiteSpace(options.AvailabilityZone), "AvailabilityZone", "must not be empty", options.AvailabilityZone);
        Require(options.MaxVolumeSizeGb > 0, "MaxVolumeSizeGb", "must be a positive number of GB", options.MaxVolumeSizeGb);
        Require(options.MaxRequestBodyBytes >= 1024, "MaxRequestBodyBytes", "must be at least 1024", options.MaxRequestBodyBytes);
        Require(options.Quotas.Volumes >= 0, "Quotas:Volumes", "must be zero or a positive number", options.Quotas.Volumes);
        Require(options.Quotas.Gigabytes >= 0, "Quotas:Gigabytes", "must be zero or a positive number", options.Quotas.Gigabytes);
        for (var i = 0; i < options.Volumes.ManageablePaths.Count; i++)
        {
            var entry = options.Volumes.ManageablePaths[i];
            Require(ManageablePaths.IsValidEntry(entry), $"Volumes:ManageablePaths:{i}",
                "must be an absolute path, optionally ending in * (e.g. /dev/loop* or /srv/volumes), and not /", entry);
        }

        Require(
            !options.Dashboard.Enabled || Directory.Exists(Dashboard.DashboardAssets.Root),
            "Dashboard:Enabled",
            $"is true but the dashboard's files are missing from {Dashboard.DashboardAssets.Root} (set it to false, or reinstall)",
            options.Dashboard.Enabled);
        Require(
            options.Database.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(options.Database.ConnectionString),
            "Database:ConnectionString",
            "is required when Database:Provider is Postgres",
            options.Database.ConnectionString);
        Require(options.Database.StartupWait >= TimeSpan.Zero, "Database:StartupWait", "must not be negative", options.Database.StartupWait);
        if (options.Identity.Kind == IdentityKind.Keystone)
        {
            var keystone = options.Identity.Keystone;
            Require(keystone.AuthUrl is { IsAbsoluteUri: true }, "Identity:Keystone:AuthUrl", "must be Keystone's URL, e.g. http://keystone:5000/v3", keystone.AuthUrl);
            Require(!string.IsNullOrWhiteSpace(keystone.ServiceUser), "Identity:Keystone:ServiceUser", "must name the service's Keystone user", keystone.ServiceUser);
            Require(!string.IsNullOrEmpty(keystone.ServicePassword), "Identity:Keystone:ServicePassword", "must be set in Keystone mode", "(empty)");
            Require(keystone.RequestTimeout > TimeSpan.Zero, "Identity:Keystone:RequestTimeout", "must be positive", keystone.RequestTimeout);
            Require(keystone.TokenCacheLifetime >= TimeSpan.Zero, "Identity:Keystone:TokenCacheLifetime", "must be zero (no cache) or positive", keystone.TokenCacheLifetime);
            Require(keystone.TokenCacheSize >= 0, "Identity:Keystone:TokenCacheSize", "must be zero or positive", keystone.TokenCacheSize);
            Require(keystone.TrustLifetime > TimeSpan.Zero, "Identity:Keystone:TrustLifetime", "must be positive", keystone.TrustLifetime);
            Require(keystone.TrustRoles.Count > 0, "Identity:Keystone:TrustRoles", "must name at least one role", string.Join(',', keystone.TrustRoles));
        }

        Require(LoggingOptions.IsValidFormat(options.Logging.Format), "Logging:Format", "must be text or json", options.Logging.Format);
        Require(
            string.IsNullOrWhiteSpace(options.Telemetry.OtlpEndpoint)
                || (Uri.TryCreate(options.Telemetry.OtlpEndpoint, UriKind.Absolute, out var otlp) && (otlp.Scheme == Uri.UriSchemeHttp || otlp.Scheme == Uri.UriSchemeHttps)),
            "Telemetry:OtlpEndpoint", "must be empty or an http(s) URL such as http://127.0.0.1:4317", options.Telemetry.OtlpEndpoint);
        Require(
            options.Telemetry.OtlpProtocol is "grpc" or "http",
            "Telemetry:OtlpProtocol", "must be grpc or http", options.Telemetry.OtlpProtocol);
        ObjectStoreOptionsValidator.Validate(options.ObjectStore, failures, keystoneAccounts: options.Identity.Kind == IdentityKind.Keystone);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
