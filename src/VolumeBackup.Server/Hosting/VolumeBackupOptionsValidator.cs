using Microsoft.Extensions.Options;
using VolumeBackup.Persistence;

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
        Require(!string.IsNullOrWhiteSpace(options.AvailabilityZone), "AvailabilityZone", "must not be empty", options.AvailabilityZone);
        Require(options.MaxVolumeSizeGb > 0, "MaxVolumeSizeGb", "must be a positive number of GB", options.MaxVolumeSizeGb);
        Require(options.MaxRequestBodyBytes >= 1024, "MaxRequestBodyBytes", "must be at least 1024", options.MaxRequestBodyBytes);
        Require(options.Quotas.Volumes >= 0, "Quotas:Volumes", "must be zero or a positive number", options.Quotas.Volumes);
        Require(options.Quotas.Gigabytes >= 0, "Quotas:Gigabytes", "must be zero or a positive number", options.Quotas.Gigabytes);
        Require(
            options.Database.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(options.Database.ConnectionString),
            "Database:ConnectionString",
            "is required when Database:Provider is Postgres",
            options.Database.ConnectionString);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
