using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Cli.Output;

/// <summary>
/// Prints results in the chosen form: <c>--quiet</c> prints ids only (one a line), <c>--format json</c> the API's
/// objects (a list as a JSON array), otherwise a table. Tables label fields with the API's own names.
/// </summary>
internal sealed partial class OutputWriter(IAnsiConsole console, TextWriter plain, OutputFormat format, bool quiet)
{
    public bool IsQuiet => quiet;

    public OutputFormat Format => format;

    public void WriteVolumes(IReadOnlyList<VolumeDetail> volumes)
    {
        if (TryPlain(volumes, v => v.Id, OutputJsonContext.Relaxed.IReadOnlyListVolumeDetail))
        {
            return;
        }

        var table = NewTable("ID", "Name", "Status", "Size (GB)", "Availability zone", "Created");
        foreach (var v in volumes)
        {
            table.AddRow(Cell(v.Id), Cell(DisplayText.OrDash(v.DisplayName)), StatusCell(v.Status), Cell(Number(v.Size)),
                Cell(v.AvailabilityZone), Cell(DisplayText.Time(v.CreatedAt)));
        }

        console.Write(table);
    }

    public void WriteVolume(VolumeDetail v)
    {
        if (TryPlain([v], x => x.Id, null) || TryJson(v, OutputJsonContext.Relaxed.VolumeDetail))
        {
            return;
        }

        var rows = new List<(string, IRenderable)>
        {
            ("id", Cell(v.Id)),
            ("displayName", Cell(DisplayText.OrDash(v.DisplayName))),
            ("displayDescription", Cell(DisplayText.OrDash(v.DisplayDescription))),
            ("status", StatusCell(v.Status)),
            ("size", Cell(Number(v.Size) + " GB")),
            ("availabilityZone", Cell(v.AvailabilityZone)),
            ("createdAt", Cell(DisplayText.Time(v.CreatedAt))),
            ("attachments", Cell(Attachments(v))),
            ("volumeType", Cell(DisplayText.OrDash(v.VolumeType))),
            ("snapshotId", Cell(DisplayText.OrDash(v.SnapshotId))),
            ("metadata", Cell(v.Metadata.Count == 0 ? "-" : string.Join(", ", v.Metadata.Select(m => $"{m.Key}={m.Value}")))),
        };
        if (v.Host is not null)
        {
            rows.Add(("host", Cell(v.Host)));
        }

        if (v.DevicePath is not null)
        {
            rows.Add(("devicePath", Cell(v.DevicePath)));
        }

        WriteFields(rows);
    }

    public void WriteBackups(IReadOnlyList<BackupDetail> backups)
    {
        if (TryPlain(backups, b => b.Id, OutputJsonContext.Relaxed.IReadOnlyListBackupDetail))
        {
            return;
        }

        var table = NewTable("ID", "Name", "Volume", "Status", "Size (GB)", "Objects", "Container", "Created");
        foreach (var b in backups)
        {
            table.AddRow(Cell(b.Id), Cell(DisplayText.OrDash(b.DisplayName)), Cell(b.VolumeId), StatusCell(b.Status),
                Cell(Number(b.Size)), Cell(Number(b.ObjectCount)), Cell(b.Container), Cell(DisplayText.Time(b.CreatedAt)));
        }

        console.Write(table);
    }

    public void WriteBackup(BackupDetail b)
    {
        if (TryPlain([b], x => x.Id, null) || TryJson(b, OutputJsonContext.Relaxed.BackupDetail))
        {
            return;
        }

        var rows = new List<(string, IRenderable)>
        {
            ("id", Cell(b.Id)),
            ("display_name", Cell(DisplayText.OrDash(b.DisplayName))),
            ("display_description", Cell(DisplayText.OrDash(b.DisplayDescription))),
            ("volume_id", Cell(b.VolumeId)),
            ("container", Cell(b.Container)),
            ("status", StatusCell(b.Status)),
            ("fail_reason", Cell(DisplayText.OrDash(b.FailReason))),
            ("created_at", Cell(DisplayText.Time(b.CreatedAt))),
            ("size", Cell(Number(b.Size) + " GB")),
            ("object_count", Cell(Number(b.ObjectCount))),
            ("stored_bytes", Cell(DisplayText.Bytes(b.StoredBytes))),
            ("data_bytes", Cell(DisplayText.Bytes(b.DataBytes))),
        };
        if (b.Verification is { } v)
        {
            rows.Add(("verification", Cell(Verification(v))));
        }

        if (b.Progress is { } p)
        {
            rows.Add(("progress", Cell(Progress(p))));
        }

        WriteFields(rows);
    }

    public void WriteCreatedBackup(CreatedBackup b)
    {
        if (TryPlain([b], x => x.Id, null) || TryJson(b, OutputJsonContext.Relaxed.CreatedBackup))
        {
            return;
        }

        WriteFields(
        [
            ("id", Cell(b.Id)),
            ("display_name", Cell(DisplayText.OrDash(b.DisplayName))),
            ("display_description", Cell(DisplayText.OrDash(b.DisplayDescription))),
            ("volume_id", Cell(b.VolumeId)),
            ("container", Cell(b.Container)),
            ("status", StatusCell(b.Status)),
            ("created_at", Cell(DisplayText.Time(b.CreatedAt))),
        ]);
    }

    /// <summary>A restore's id is the volume it writes to: <c>--quiet</c> prints that.</summary>
    public void WriteRestore(RestoreResult r)
    {
        if (TryPlain([r], x => x.VolumeId, null) || TryJson(r, OutputJsonContext.Relaxed.RestoreResult))
        {
            return;
        }

        WriteFields([("backup_id", Cell(r.BackupId)), ("volume_id", Cell(r.VolumeId))]);
    }

    /// <summary>A verification's id is the backup's: <c>--quiet</c> prints that.</summary>
    public void WriteVerifyAccepted(VerifyAccepted v)
    {
        if (TryPlain([v], x => x.BackupId, null) || TryJson(v, OutputJsonContext.Relaxed.VerifyAccepted))
        {
            return;
        }

        WriteFields([("backup_id", Cell(v.BackupId)), ("verification", Cell("queued"))]);
    }

    internal static string Verification(BackupVerificationView v) => v.VerifiedAt is not { } at
        ? v.Status
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{v.Status} at {DisplayText.Time(at)} ({v.BlocksChecked} blocks, {v.DamagedBlocks.Count} damaged{(v.Truncated ? "+" : string.Empty)}, {v.MissingObjects.Count} missing objects)");

    public void WriteCancel(CancelResult r)
    {
        if (TryPlain([r], x => x.Operation, null) || TryJson(r, OutputJsonContext.Relaxed.CancelResult))
        {
            return;
        }

        WriteFields([("backup_id", Cell(r.BackupId)), ("operation", Cell(r.Operation))]);
    }

    public void WriteRecover(RecoverResult r)
    {
        if (TryPlain([.. r.Imported], x => x.Id, null) || TryJson(r, OutputJsonContext.Relaxed.RecoverResult))
        {
            return;
        }

        WriteFields([
            ("container", Cell(r.Container)),
            ("imported", Cell(string.Join(", ", r.Imported.Select(b => b.Id)))),
            ("already_present", Cell(string.Join(", ", r.AlreadyPresent))),
            ("unreadable", Cell(string.Join(", ", r.Unreadable))),
        ]);
    }

    /// <summary>A sentence for people (table format only): scripts get nothing, and the exit code says it all.</summary>
    public void WriteNote(string sentence)
    {
        if (!quiet && format == OutputFormat.Table)
        {
            console.Write(new Text(sentence + Environment.NewLine));
        }
    }

    internal static string Progress(BackupProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Operation} {p.Percent:0.#}% ({DisplayText.Bytes(p.BytesDone)} of {DisplayText.Bytes(p.BytesTotal)})");

    private bool TryPlain<T>(IReadOnlyList<T> items, Func<T, string> idOf, JsonTypeInfo<IReadOnlyList<T>>? listType)
    {
        if (quiet)
        {
            foreach (var item in items)
            {
                plain.WriteLine(idOf(item));
            }

            return true;
        }

        return listType is not null && TryJson(items, listType);
    }

    private bool TryJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        if (format != OutputFormat.Json)
        {
            return false;
        }

        plain.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        plain.Flush();
        return true;
    }

    private void WriteFields(IEnumerable<(string Name, IRenderable Value)> rows)
    {
        var table = NewTable("Field", "Value");
        foreach (var (name, value) in rows)
        {
            table.AddRow(Cell(name), value);
        }

        console.Write(table);
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    private static string Attachments(VolumeDetail v)
    {
        var attached = v.Attachments.Where(a => a.Count > 0).ToList();
        return attached.Count == 0 ? "-" : string.Join("; ", attached.Select(a => string.Join(", ", a.Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Text Cell(string text) => new(text);

    private static Text StatusCell(string status) => new(status, status switch
    {
        KnownStatuses.Available => new Style(Color.Green),
        KnownStatuses.Error or KnownStatuses.VolumeErrorRestoring => new Style(Color.Red),
        _ => new Style(Color.Yellow),
    });
}
