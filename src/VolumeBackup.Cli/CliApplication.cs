using System.CommandLine;
using System.CommandLine.Invocation;
using VolumeBackup.Cli.Commands;

namespace VolumeBackup.Cli;

/// <summary>Builds the command tree and runs one command line, mapping parse errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static class CliApplication
{
    public static RootCommand Build(CliEnvironment environment, out HelpExamples examples)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(environment, options);
        examples = new HelpExamples();

        var volume = new Command("volume", "Create, list, show and delete volumes")
        {
            VolumeCreateCommand.Create(runner, examples),
            VolumeListCommand.Create(runner, examples),
            VolumeShowCommand.Create(runner, examples),
            VolumeDeleteCommand.Create(runner, examples),
        };
        examples.Add(volume, "volume-backup volume create --size 1 data-01", "volume-backup volume list");

        var backup = new Command("backup", "Create, list, show, delete, restore and wait for backups")
        {
            BackupCreateCommand.Create(runner, examples),
            BackupListCommand.Create(runner, examples),
            BackupShowCommand.Create(runner, examples),
            BackupDeleteCommand.Create(runner, examples),
            BackupRestoreCommand.Create(runner, examples),
            BackupVerifyCommand.Create(runner, examples),
            BackupWaitCommand.Create(runner, examples),
            BackupCancelCommand.Create(runner, examples),
            BackupRecoverCommand.Create(runner, examples),
        };
        examples.Add(backup, "volume-backup backup create 9 --wait", "volume-backup backup restore 1 9 --wait");

        var policy = new Command("policy", "Create, list, show and delete backup policies (schedules with retention)")
        {
            PolicyCreateCommand.Create(runner, examples),
            PolicyListCommand.Create(runner, examples),
            PolicyShowCommand.Create(runner, examples),
            PolicyUpdateCommand.Create(runner, examples),
            PolicyDeleteCommand.Create(runner, examples),
        };
        examples.Add(policy, "volume-backup policy create --volume 9 --every 6h --keep-daily 7", "volume-backup policy list --volume 9");

        var root = new RootCommand("Command-line client of the VolumeBackup service (HP Volume Backup API).")
        {
            volume,
            backup,
            policy,
            CompletionCommand.Create(runner, examples),
        };
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        examples.Add(
            root,
            "export VOLUME_BACKUP_URL=http://127.0.0.1:8774 OS_TENANT_ID=demo OS_AUTH_TOKEN=secret",
            "volume-backup volume create --size 1 data-01",
            "volume-backup backup create 1 --name first --wait",
            "volume-backup backup restore 1 --wait");
        examples.InstallOn(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken ct = default)
    {
        var root = Build(environment, out _);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction parseError)
        {
            // The errors and a pointer to --help; the whole help page would bury the one line that matters.
            parseError.ShowHelp = false;
        }

        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        var code = await parse.InvokeAsync(configuration, ct);
        if (parse.Action is ParseErrorAction)
        {
            await environment.Error.WriteLineAsync("Run 'volume-backup --help' (or the command's --help) for usage.");
            return ExitCodes.Usage;
        }

        return code;
    }
}
