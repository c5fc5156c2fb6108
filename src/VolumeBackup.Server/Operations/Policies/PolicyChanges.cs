namespace VolumeBackup.Server.Operations.Policies;

/// <summary>
/// A parsed create or update body, from either surface. Null means "not given": on create the default, on update the
/// policy's current value. <see cref="Schedule"/>, when given, replaces the whole schedule.
/// </summary>
internal sealed record PolicyChanges
{
    public long? VolumeId { get; init; }

    public string? Name { get; init; }

    public string? Container { get; init; }

    public PolicyScheduleChange? Schedule { get; init; }

    public bool? Force { get; init; }

    public int? KeepLast { get; init; }

    public int? KeepHourly { get; init; }

    public int? KeepDaily { get; init; }

    public int? KeepWeekly { get; init; }

    public int? KeepMonthly { get; init; }

    public int? KeepYearly { get; init; }

    public bool? Enabled { get; init; }
}
