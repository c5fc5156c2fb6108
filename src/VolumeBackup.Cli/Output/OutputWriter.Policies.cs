using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Output;

/// <summary>Backup policies: a table per list, a field table per policy, the API's view as JSON.</summary>
internal sealed partial class OutputWriter
{
    public void WritePolicies(IReadOnlyList<BackupPolicyView> policies)
    {
        if (TryPlain(policies, p => p.Id, OutputJsonContext.Relaxed.IReadOnlyListBackupPolicyView))
        {
            return;
        }

        var table = NewTable("ID", "Name", "Volume", "Schedule", "Retention", "Enabled", "Next run", "Last result");
        foreach (var p in policies)
        {
            table.AddRow(Cell(p.Id), Cell(DisplayText.OrDash(p.Name)), Cell(p.VolumeId), Cell(Schedule(p.Schedule)),
                Cell(Retention(p.Retention)), Cell(p.Enabled ? "yes" : "no"), Cell(OptionalTime(p.NextRunAt)),
                Cell(DisplayText.OrDash(p.LastResult)));
        }

        console.Write(table);
    }

    public void WritePolicy(BackupPolicyView p)
    {
        if (TryPlain([p], x => x.Id, null) || TryJson(p, OutputJsonContext.Relaxed.BackupPolicyView))
        {
            return;
        }

        WriteFields(new List<(string, IRenderable)>
        {
            ("id", Cell(p.Id)),
            ("name", Cell(DisplayText.OrDash(p.Name))),
            ("volume_id", Cell(p.VolumeId)),
            ("container", Cell(DisplayText.OrDash(p.Container))),
            ("schedule", Cell(Schedule(p.Schedule))),
            ("retention", Cell(Retention(p.Retention))),
            ("force", Cell(p.Force ? "true" : "false")),
            ("enabled", Cell(p.Enabled ? "true" : "false")),
            ("next_run_at", Cell(OptionalTime(p.NextRunAt))),
            ("last_run_at", Cell(OptionalTime(p.LastRunAt))),
            ("last_result", Cell(DisplayText.OrDash(p.LastResult))),
            ("last_backup_id", Cell(DisplayText.OrDash(p.LastBackupId))),
            ("created_at", Cell(DisplayText.Time(p.CreatedAt))),
            ("updated_at", Cell(DisplayText.Time(p.UpdatedAt))),
        });
    }

    internal static string Schedule(PolicyScheduleView s) => s.IntervalSeconds is { } seconds
        ? string.Create(CultureInfo.InvariantCulture, $"every {seconds}s")
        : $"cron '{s.Cron}' {s.TimeZone ?? "UTC"}";

    /// <summary>Only the rules that keep something, as restic names them; "all" when none does.</summary>
    internal static string Retention(PolicyRetentionView r)
    {
        var rules = new (string Name, int Count)[]
        {
            ("last", r.KeepLast), ("hourly", r.KeepHourly), ("daily", r.KeepDaily),
            ("weekly", r.KeepWeekly), ("monthly", r.KeepMonthly), ("yearly", r.KeepYearly),
        }.Where(x => x.Count > 0).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name} {x.Count}")).ToList();
        return rules.Count == 0 ? "keep all" : "keep " + string.Join(", ", rules);
    }

    private static string OptionalTime(DateTimeOffset? time) => time is { } t ? DisplayText.Time(t) : "-";
}
