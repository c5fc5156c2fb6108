using System.CommandLine;
using VolumeBackup.Cli.Jobs;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.Cli.Commands;

internal static class BackupRestoreCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var backupId = new Argument<string>("backup-id") { Description = "Id of the backup to restore (must be available)" };
        var volumeId = new Argument<string?>("volume-id")
        {
            Description = "Volume to restore into (available, at least the backup's size); omitted: a new volume",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var wait = new WaitOptions(includeWaitFlag: true);
        var command = new Command("restore", "Restore a backup into a volume") { backupId, volumeId };
        wait.AddTo(command);
        examples.Add(
            command,
            "volume-backup backup restore 1 9",
            "volume-backup backup restore 1 --wait          # into a new volume",
            "new_volume=$(volume-backup backup restore 1 -q)");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var backup = parse.GetRequiredValue(backupId);
            var result = await context.Client.Backups.RestoreAsync(backup, new RestoreRequest(parse.GetValue(volumeId)), ct);
            if (wait.ShouldWait(parse))
            {
                await JobFollower.FollowAsync(
                    context,
                    $"restore of backup {result.BackupId} to volume {result.VolumeId}",
                    wait.TimeoutOf(parse),
                    (progress, token) => context.Client.Backups.WaitForRestoreAsync(
                        result.BackupId, result.VolumeId, wait.PollIntervalOf(parse), progress, token),
                    ct);
            }

            context.Output.WriteRestore(result);
            return ExitCodes.Success;
        });
        return command;
    }
}
