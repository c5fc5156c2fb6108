namespace VolumeBackup.Cli.Completion;

/// <summary>
/// Shell scripts that complete <c>volume-backup</c> by asking the tool itself through System.CommandLine's
/// <c>[suggest:position]</c> directive, so completion always matches the installed version and needs no dotnet-suggest.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unsupported shell."),
    };

    private const string Bash = """
        # volume-backup completion for bash. Load with:  source <(volume-backup completion bash)
        _volume_backup_complete() {
            local IFS=$'\n'
            local first="${COMP_WORDS[0]}"
            # The tool parses a line that starts with its own name, whatever path the user typed.
            local line="volume-backup${COMP_LINE#"$first"}"
            local point=$((COMP_POINT - ${#first} + 13))
            local before="${line:0:point}"
            local word="${before##* }"
            local candidate
            COMPREPLY=()
            # The tool suggests every match containing the word; bash offers only those starting with it.
            for candidate in $(command "$first" "[suggest:${point}]" "$line" 2>/dev/null); do
                [[ "$candidate" == "$word"* ]] && COMPREPLY+=("$candidate")
            done
        }
        complete -o default -F _volume_backup_complete volume-backup

        """;

    private const string Zsh = """
        # volume-backup completion for zsh. Load with:  source <(volume-backup completion zsh)
        _volume_backup_complete() {
            local first="${words[1]}"
            local line="volume-backup${BUFFER#"$first"}"
            local point=$((CURSOR - ${#first} + 13))
            local -a candidates
            candidates=("${(@f)$(command "$first" "[suggest:${point}]" "$line" 2>/dev/null)}")
            compadd -- "${candidates[@]}"
        }
        compdef _volume_backup_complete volume-backup

        """;
}
