using System.Globalization;
using VolumeBackup.Cli.Output;
using VolumeBackup.Client.Jobs;

namespace VolumeBackup.Cli.Jobs;

/// <summary>
/// Progress for logs and pipes: one plain line on stderr when the status changes or another tenth of the bytes is
/// done, never a redraw, so a CI log stays readable and stdout stays the result alone.
/// </summary>
internal sealed class ProgressLines(TextWriter error, string title)
{
    private string? _lastStatus;
    private int _lastTenth = -1;

    public void Report(JobSnapshot snapshot)
    {
        var status = Status(snapshot);
        var percent = snapshot.Backup?.Progress?.Percent;
        var tenth = percent is { } p ? (int)Math.Floor(p / 10) : -1;
        if (status == _lastStatus && tenth <= _lastTenth)
        {
            return;
        }

        _lastStatus = status;
        _lastTenth = Math.Max(_lastTenth, tenth);
        var line = snapshot.Backup?.Progress is { } progress
            ? string.Create(CultureInfo.InvariantCulture, $"{title}: {status}, {OutputWriter.Progress(progress)}")
            : $"{title}: {status}";
        error.WriteLine(line);
        error.Flush();
    }

    internal static string Status(JobSnapshot snapshot) => snapshot switch
    {
        { Backup: { } b, Volume: { } v } => $"backup {b.Status}, volume {v.Status}",
        { Backup: { } b } => b.Status,
        _ => "gone",
    };
}
