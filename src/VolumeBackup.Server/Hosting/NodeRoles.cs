namespace VolumeBackup.Server.Hosting;

/// <summary>
/// What a node does, from <see cref="VolumeBackupOptions.Roles"/>: an <c>api</c> node answers the API and runs no jobs;
/// a <c>worker</c> node runs the jobs routed to its host (and deletes) and answers only health checks; the default does both.
/// </summary>
internal readonly record struct NodeRoles(bool Api, bool Worker)
{
    public const string ApiRole = "api";
    public const string WorkerRole = "worker";

    public static NodeRoles Both => new(true, true);

    /// <summary>Parses <c>api</c>, <c>worker</c> or both (comma or space separated, any case); null when the text names something else or nothing.</summary>
    public static NodeRoles? TryParse(string? text)
    {
        var api = false;
        var worker = false;
        foreach (var part in (text ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals(ApiRole, StringComparison.OrdinalIgnoreCase))
            {
                api = true;
            }
            else if (part.Equals(WorkerRole, StringComparison.OrdinalIgnoreCase))
            {
                worker = true;
            }
            else
            {
                return null;
            }
        }

        return api || worker ? new NodeRoles(api, worker) : null;
    }

    /// <summary>The roles of a setting already validated at start (an invalid one throws).</summary>
    public static NodeRoles Parse(string? text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not api, worker or api,worker.", nameof(text));

    /// <summary>The roles as stored and shown: <c>api,worker</c>, <c>api</c> or <c>worker</c>.</summary>
    public override string ToString() => (Api, Worker) switch
    {
        (true, true) => $"{ApiRole},{WorkerRole}",
        (true, false) => ApiRole,
        _ => WorkerRole,
    };
}
