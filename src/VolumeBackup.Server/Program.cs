using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;

try
{
    var app = VolumeBackupApp.Create(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad setting stops the service before it listens, naming the key (for example VolumeBackup:Quotas:Gigabytes).
    await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", e.Failures)}");
    return 2;
}
