using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Nodes;

namespace VolumeBackup.Server.Api.Hp.Hosts;

/// <summary>
/// The admin view of the deployment's nodes: <c>GET /v1.1/{tenant_id}/os-hosts</c> lists every node that ever wrote a
/// heartbeat (state up or down, heartbeat age, jobs running and allowed, volumes kept), <c>GET .../os-hosts/{host}</c>
/// shows one (404 when unknown).
/// </summary>
internal static class HostsEndpoints
{
    public static void MapHosts(this RouteGroupBuilder tenant)
    {
        var group = tenant.MapGroup("/os-hosts");
        group.MapRead(string.Empty, ListAsync).RequirePolicy(AccessPolicies.HostsGet);
        group.MapRead("/{host}", ShowAsync).RequirePolicy(AccessPolicies.HostsGet);
    }

    private static async Task<IResult> ListAsync(
        NodeDirectory nodes, IOptions<VolumeBackupOptions> options, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hosts = new JsonArray([.. (await nodes.ReportAsync(ct)).Select(r => View(r, options.Value.AvailabilityZone, now))]);
        return Results.Json(new JsonObject { ["hosts"] = hosts });
    }

    private static async Task<IResult> ShowAsync(
        [FromRoute(Name = "host")] string host, NodeDirectory nodes, IOptions<VolumeBackupOptions> options, TimeProvider time,
        CancellationToken ct)
    {
        var report = (await nodes.ReportAsync(ct)).FirstOrDefault(r => r.State.Host == host)
            ?? throw new FaultException(Fault.ItemNotFound($"Host {host} could not be found."));
        return Results.Json(new JsonObject { ["host"] = View(report, options.Value.AvailabilityZone, time.GetUtcNow()) });
    }

    private static JsonObject View(NodeReport report, string zone, DateTimeOffset now)
    {
        var record = report.State.Record!;
        var roles = NodeRoles.TryParse(record.Roles);
        return new JsonObject
        {
            ["host"] = record.Host,
            ["roles"] = new JsonArray([.. record.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => (JsonNode?)JsonValue.Create(r))]),
            ["state"] = report.State.Up ? "up" : "down",
            ["status"] = report.State.Retired ? "retired" : "enabled",
            ["updated_at"] = NodeFaults.Instant(record.HeartbeatAt),
            ["heartbeat_age"] = Math.Max(0, (long)(now - record.HeartbeatAt).TotalSeconds),
            ["started_at"] = NodeFaults.Instant(record.StartedAt),
            ["retired_at"] = record.RetiredAt is { } retired ? NodeFaults.Instant(retired) : null,
            ["running_jobs"] = report.RunningJobs,
            ["max_jobs"] = roles?.Worker == true ? record.MaxJobs : 0,
            ["volumes"] = report.Volumes,
            ["zone"] = zone,
            ["endpoint"] = record.Endpoint,
            ["version"] = record.Version,
        };
    }
}
