using VolumeBackup.Cli;

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess());
