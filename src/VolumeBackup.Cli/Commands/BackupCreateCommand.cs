using System.CommandLine;
using VolumeBackup.Cli.Jobs;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.Cli.Commands;

internal static class BackupCreateCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var volumeId = new Argument<string>("volume-id") { Description = "Id of the volume to back up (must be available)" };
        var name = new Option<string?>("--name") { Description = "Display name of the backup" };
        var description = new Option<string?>("--description") { Description = "Display description" };
        var container = new Option<string?>("--container") { Description = "Object-store container (created if missing; default: the service's)" };
        var wait = new WaitOptions(includeWaitFlag: true);
        var command = new Command("create", "Back up a volume to the object store") { volumeId, name, description, container };
        wait.AddTo(command);
        examples.Add(
            command,
            "volume-backup backup create 9 --name backup-001 --container nightlybackups",
            "volume-backup backup create 9 --wait --timeout 3600",
            "id=$(volume-backup backup create 9 -q)");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var request = new CreateBackupRequest(
                parse.GetRequiredValue(volumeId), parse.GetValue(name), parse.GetValue(description), parse.GetValue(container));
            var created = await context.Client.Backups.CreateAsync(request, ct);
            if (!wait.ShouldWait(parse))
            {
                context.Output.WriteCreatedBackup(created);
                return ExitCodes.Success;
            }

            var outcome = await JobFollower.FollowAsync(
                context,
                $"backup {created.Id} of volume {created.VolumeId}",
                wait.TimeoutOf(parse),
                (progress, token) => context.Client.Backups.WaitForCreateAsync(created.Id, wait.PollIntervalOf(parse), progress, token),
                ct);
            context.Output.WriteBackup(outcome.Backup!);
            return ExitCodes.Success;
        });
        return command;
    }
}
