using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Operations.Policies;

/// <summary>The answers about policies that are not a field's: the missing policy, the volume that still has some.</summary>
internal static class PolicyFaults
{
    public const string VolumeHasPolicies = "Invalid volume: Volume has backup policies; delete them first.";

    public static FaultException NotFound(string shownId) => new(Fault.ItemNotFound($"Backup policy {shownId} could not be found."));
}
