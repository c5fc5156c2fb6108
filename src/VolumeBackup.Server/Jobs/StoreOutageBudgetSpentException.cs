namespace VolumeBackup.Server.Jobs;

/// <summary>A job waited out an object store outage for its whole budget; the last store failure is inside.</summary>
internal sealed class StoreOutageBudgetSpentException(TimeSpan budget, Exception last)
    : Exception($"The object store stayed unavailable for longer than the outage budget of {budget}.", last)
{
    public TimeSpan Budget => budget;
}
