namespace VolumeBackup.Server.Operations.Policies;

/// <summary>A body's <c>schedule</c> object; the rules (<see cref="Domain.Policies.PolicyRules"/>) check that exactly one is set.</summary>
internal sealed record PolicyScheduleChange(long? IntervalSeconds, string? Cron, string? TimeZone);
