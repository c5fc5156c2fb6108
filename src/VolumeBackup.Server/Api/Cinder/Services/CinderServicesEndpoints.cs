using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Nodes;

namespace VolumeBackup.Server.Api.Cinder.Services;

/// <summary>
/// Cinder's admin <c>os-services</c> over the nodes table: <c>GET</c> lists a <c>cinder-volume</c> and a
/// <c>cinder-backup</c> service per worker node (filters <c>?host=</c>, <c>?binary=</c>), in Cinder's shape; <c>PUT
/// os-services/disable</c> (and <c>disable-log-reason</c>) retires the node, <c>enable</c> brings it back. Both binaries
/// of a node share its one switch: a retired node gets no new volumes but keeps serving its own.
/// </summary>
internal static class CinderServicesEndpoints
{
    public const string VolumeBinary = "cinder-volume";
    public const string BackupBinary = "cinder-backup";
    private static readonly string[] Binaries = [VolumeBinary, BackupBinary];

    public static void MapCinderServices(this RouteGroupBuilder project)
    {
        project.MapRead("/os-services", ListAsync).RequirePolicy(AccessPolicies.ServicesIndex);
        foreach (var action in (string[])["enable", "disable", "disable-log-reason"])
        {
            project.MapPut("/os-services/" + action, (HttpRequest request, NodeDirectory nodes, CancellationToken ct) =>
                UpdateAsync(action, request, nodes, ct)).RequirePolicy(AccessPolicies.ServicesUpdate)
                .DescribesBody<CinderServiceUpdateRequest>();
        }
    }

    private static async Task<IResult> ListAsync(
        HttpRequest request, CinderApiVersion version, NodeDirectory nodes, IOptions<VolumeBackupOptions> options, CancellationToken ct)
    {
        var host = request.Query.TryGetValue("host", out var h) ? h.ToString() : null;
        var binary = request.Query.TryGetValue("binary", out var b) ? b.ToString() : null;
        var services = new JsonArray();
        foreach (var report in await nodes.ReportAsync(ct))
        {
            var state = report.State;
            if (!state.IsWorker || (host is not null && state.Host != host))
            {
                continue;
            }

            foreach (var name in Binaries.Where(n => binary is null || n == binary))
            {
                services.Add(View(state, name, options.Value.AvailabilityZone, version));
            }
        }

        return Results.Json(new JsonObject { ["services"] = services });
    }

    private static JsonObject View(NodeState state, string binary, string zone, CinderApiVersion version)
    {
        var record = state.Record!;
        var view = new JsonObject
        {
            ["binary"] = binary,
            ["host"] = record.Host,
            ["zone"] = zone,
            ["status"] = state.Retired ? "disabled" : "enabled",
            ["state"] = state.Up ? "up" : "down",
            ["updated_at"] = Timestamp(record.HeartbeatAt),
        };
        if (version.AtLeast(7))
        {
            view["cluster"] = null;
        }

        view["disabled_reason"] = state.Retired ? "retired" : null;
        if (binary == VolumeBinary)
        {
            view["replication_status"] = "disabled";
            view["active_backend_id"] = null;
            view["frozen"] = false;
            if (version.AtLeast(49))
            {
                view["backend_state"] = state.Up ? "up" : "down";
            }
        }

        return view;
    }

    private static async Task<IResult> UpdateAsync(string action, HttpRequest request, NodeDirectory nodes, CancellationToken ct)
    {
        var disable = action != "enable";
        var body = await JsonBody.ReadRootAsync(request, ct);
        var host = RequiredText(body, "host");
        var binary = RequiredText(body, "binary");
        if (!Binaries.Contains(binary))
        {
            throw new FaultException(Fault.ItemNotFound($"Service {binary} could not be found."));
        }

        var state = await nodes.GetAsync(host, ct);
        if (state.Record is null || !state.IsWorker || !await nodes.SetRetiredAsync(host, disable, ct))
        {
            throw new FaultException(Fault.ItemNotFound($"Host {host} could not be found."));
        }

        var answer = new JsonObject
        {
            ["disabled"] = disable,
            ["status"] = disable ? "disabled" : "enabled",
            ["host"] = host,
            ["service"] = string.Empty,
            ["binary"] = binary,
        };
        if (action == "disable-log-reason")
        {
            // The node keeps no reason (only when it was retired): the answer echoes the one given, as Cinder's does.
            answer["disabled_reason"] = body.TryGetProperty("disabled_reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : null;
        }

        return Results.Json(answer);
    }

    private static string RequiredText(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FaultException(Fault.BadRequest($"Missing required element '{name}' in request body."));

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString(CinderTimestampConverter.Format, System.Globalization.CultureInfo.InvariantCulture);
}
