using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Actions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// <c>POST /v1.1/{tenant_id}/os-volumes/{volume_id}/action</c>: the HP surface's admin actions on a volume, the body
/// one key naming the action (<c>{"os-attach": {...}}</c>), each 202 with no body. A small dispatcher: an action is one
/// row of <see cref="Actions"/> (name, policy, handler), so adding one touches nothing else. Today the attach
/// bookkeeping (over the same <see cref="VolumeAttachments"/> as Cinder's actions, with Cinder's arguments), by which an
/// operator marks a volume in use by a server on this surface, which has no attach flow of its own; and the release of an
/// adopted volume (<c>os-unmanage</c>, over the same <see cref="VolumeManagement"/> as Cinder's).
/// </summary>
internal static class VolumeActionsEndpoint
{
    public static readonly VolumeAction[] Actions =
    [
        new("os-attach", AccessPolicies.VolumeAdminAttach, AttachAsync),
        new("os-detach", AccessPolicies.VolumeAdminDetach, DetachAsync),
        new("os-unmanage", AccessPolicies.VolumeUnmanage, UnmanageAsync),
    ];

    /// <summary>The route's bodies, one per action, for the OpenAPI document (endpoint metadata).</summary>
    public static readonly JsonBodyShape[] Bodies =
    [
        new("os-attach", typeof(AttachVolumeRequest)),
        new("os-detach", typeof(DetachVolumeRequest), NullAllowed: true),
        JsonBodyShape.NoArguments("os-unmanage"),
    ];

    public static (string Action, string Policy)[] Policies => [.. Actions.Select(a => (a.Name, a.Policy))];

    public static async Task<Accepted> PostAsync(
        [FromRoute(Name = "volume_id")] string volumeId, HttpRequest request, TenantContext tenant, VolumeStore volumes, CancellationToken ct)
    {
        var body = await JsonBody.ReadRootAsync(request, ct);
        var (name, arguments) = Single(body);
        PolicyEnforcement.DemandAction(request.HttpContext, tenant, name); // 400 for an action the route does not have
        var volume = (RouteIds.TryParse(volumeId, out var id) ? await volumes.FindAsync(tenant.TenantId, id, ct) : null)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(volumeId)));
        var action = Actions.Single(a => a.Name == name);
        await action.RunAsync(new VolumeActionRequest(volume, arguments, tenant, request.HttpContext.RequestServices), ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task AttachAsync(VolumeActionRequest request, CancellationToken ct)
    {
        var attach = AttachArguments.Parse(request.Arguments);
        await request.Services.GetRequiredService<VolumeAttachments>().AttachAsync(
            request.Volume.TenantId, request.Volume.Id, attach.ServerId, attach.HostName, attach.Mountpoint, attach.Mode, ct);
    }

    private static Task DetachAsync(VolumeActionRequest request, CancellationToken ct) =>
        request.Services.GetRequiredService<VolumeAttachments>().DetachAsync(
            request.Volume.TenantId, request.Volume.Id, AttachArguments.DetachAttachmentId(request.Arguments), ct);

    private static Task UnmanageAsync(VolumeActionRequest request, CancellationToken ct) =>
        request.Services.GetRequiredService<VolumeManagement>().UnmanageAsync(request.Volume.TenantId, request.Volume.Id, ct);

    private static (string Action, JsonElement Value) Single(JsonElement body)
    {
        var properties = body.EnumerateObject().ToList();
        return properties.Count == 1
            ? (properties[0].Name, properties[0].Value)
            : throw new FaultException(Fault.BadRequest("Malformed request body: an action request names exactly one action."));
    }
}

/// <summary>One HP volume action: its name in the body, the policy it needs, and what it does.</summary>
internal sealed record VolumeAction(string Name, string Policy, Func<VolumeActionRequest, CancellationToken, Task> RunAsync);

/// <summary>What an action's handler gets: the volume (found in the URL's tenant), its arguments, the caller, the request's services.</summary>
internal sealed record VolumeActionRequest(Volume Volume, JsonElement Arguments, TenantContext Tenant, IServiceProvider Services);
