using System.Diagnostics;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Server.Telemetry;

/// <summary>
/// The jobs' spans: one per job run (<see cref="StartJob"/>, by the worker) and one per stage inside it
/// (<see cref="StartStage"/>, by the handlers). Free when nothing listens: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null then.
/// </summary>
internal static class JobTracing
{
    public const string SourceName = "VolumeBackup.Jobs";

    public const string KindTag = "volumebackup.job.kind";
    public const string JobIdTag = "volumebackup.job.id";
    public const string BackupIdTag = "volumebackup.backup.id";
    public const string VolumeIdTag = "volumebackup.volume.id";
    public const string AttemptTag = "volumebackup.job.attempt";
    public const string OutcomeTag = "volumebackup.job.outcome";

    /// <summary>Stage names: the source (volume or its snapshot) opened, the data path's run, the job's final transaction.</summary>
    public const string OpenSourceStage = "open_source";
    public const string OpenTargetStage = "open_target";
    public const string DataPathStage = "data_path";
    public const string FinishStage = "finish";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartJob(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var activity = Source.StartActivity("job " + job.Kind, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(KindTag, job.Kind);
            activity.SetTag(JobIdTag, job.Id);
            activity.SetTag(BackupIdTag, job.BackupId);
            activity.SetTag(VolumeIdTag, job.VolumeId);
            activity.SetTag(AttemptTag, job.Attempts);
        }

        return activity;
    }

    public static Activity? StartStage(string stage) => Source.StartActivity(stage, ActivityKind.Internal);

    /// <summary>Tags the job span with how it ended; a failure also sets the span's status to error.</summary>
    public static void End(Activity? activity, string outcome, string? error = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OutcomeTag, outcome);
        if (outcome == JobOutcomes.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }
    }
}
