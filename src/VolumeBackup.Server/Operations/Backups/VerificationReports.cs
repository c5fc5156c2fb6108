using System.Globalization;
using System.Text.Json;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Json;
using VolumeBackup.DataPath;
using VolumeBackup.Domain.Backups;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// A verification's findings as stored with the backup (JSON, kept small: each list capped at
/// <see cref="VerificationReport.ListLimit"/> entries, <c>truncated</c> set when one was cut) and as the views show them.
/// </summary>
internal static class VerificationReports
{
    public static VerificationReport From(VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var limit = VerificationReport.ListLimit;
        return new VerificationReport
        {
            BlocksChecked = result.BlocksChecked,
            BytesChecked = result.BytesChecked,
            DamagedBlocks = [.. result.DamagedBlocks.Take(limit).Select(d => new DamagedBlockView(d.Block, d.Offset, d.Reason))],
            MissingObjects = [.. result.MissingObjects.Take(limit)],
            Truncated = result.DamagedBlockCount > limit || result.MissingObjects.Count > limit,
        };
    }

    public static string Serialize(VerificationReport report) =>
        JsonSerializer.Serialize(report, ApiJsonContext.Default.VerificationReport);

    /// <summary>
    /// A sentence for a backup whose last verification found damage (null otherwise): what the Cinder surface shows as its
    /// <c>fail_reason</c>, which Cinder's schema has and clients print, while the backup stays <c>available</c>.
    /// </summary>
    public static string? DamageSentence(Backup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (backup.Verification != BackupVerification.Damaged)
        {
            return null;
        }

        var view = ToView(backup);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The last verification found the backup damaged ({view.DamagedBlocks.Count}{(view.Truncated ? "+" : string.Empty)} damaged blocks, " +
            $"{view.MissingObjects.Count} missing objects): a restore from it would fail.");
    }

    /// <summary>The view of a backup's verification; a report that cannot be read shows as none (the verdict still shows).</summary>
    public static BackupVerificationView ToView(Backup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        VerificationReport? report = null;
        if (!string.IsNullOrEmpty(backup.VerificationReport))
        {
            try
            {
                report = JsonSerializer.Deserialize(backup.VerificationReport, ApiJsonContext.Default.VerificationReport);
            }
            catch (JsonException)
            {
                report = null;
            }
        }

        return new BackupVerificationView
        {
            Status = backup.Verification,
            VerifiedAt = backup.VerifiedAt,
            BlocksChecked = report?.BlocksChecked ?? 0,
            BytesChecked = report?.BytesChecked ?? 0,
            DamagedBlocks = report?.DamagedBlocks ?? [],
            MissingObjects = report?.MissingObjects ?? [],
            Truncated = report?.Truncated ?? false,
        };
    }
}
