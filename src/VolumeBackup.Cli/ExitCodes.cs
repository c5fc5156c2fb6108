namespace VolumeBackup.Cli;

/// <summary>The process exit codes; scripts branch on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ApiError = 1;
    public const int Usage = 2;
    public const int ConnectionFailure = 3;
    public const int JobFailed = 4;
    public const int TimedOut = 5;
    public const int Damaged = 6;
    public const int Interrupted = 130;

    /// <summary>Shown by <c>--help</c>, one code per line.</summary>
    public static readonly IReadOnlyList<(int Code, string Meaning)> Documented =
    [
        (Success, "success"),
        (ApiError, "the service answered with a fault (badRequest, itemNotFound, unauthorized...)"),
        (Usage, "bad arguments or a missing setting (endpoint, tenant, token)"),
        (ConnectionFailure, "the service could not be reached"),
        (JobFailed, "a followed job ended in error (the fail_reason is printed)"),
        (TimedOut, "--timeout ran out before the followed job ended"),
        (Damaged, "backup verify --wait found the backup damaged"),
        (Interrupted, "interrupted (Ctrl+C)"),
    ];
}
