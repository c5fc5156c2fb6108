using Microsoft.Extensions.Options;

namespace VolumeBackup.Server.Hosting;

/// <summary>Checks section <c>VolumeBackup:Backups</c> at start; each failure names its full configuration key.</summary>
internal sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
