using VolumeBackup.Persistence.Nodes;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// A host as the nodes table shows it now: <see cref="Up"/> unless its last heartbeat is older than the down time.
/// A host without a row (a single node before its first heartbeat, data from before nodes were recorded) counts as up.
/// </summary>
internal sealed record NodeState(string Host, NodeRecord? Record, bool Up)
{
    /// <summary>The last heartbeat of a down host: since when nothing was heard from it.</summary>
    public DateTimeOffset? DownSince => Up ? null : Record?.HeartbeatAt;

    public bool Retired => Record?.RetiredAt is not null;

    public bool IsWorker => Record is null || (NodeRoles.TryParse(Record.Roles)?.Worker ?? false);
}
