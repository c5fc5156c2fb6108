using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Actions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.OpenApi;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// <c>POST /v3/{project_id}/volumes/{volume_id}/action</c> with one key naming the action: the attach bookkeeping of
/// Cinder's legacy flow (<c>os-reserve</c>, <c>os-unreserve</c>, <c>os-attach</c>, <c>os-begin_detaching</c>,
/// <c>os-roll_detaching</c>, <c>os-detach</c>), each 202 with no body, over <see cref="VolumeAttachments"/>; and the
/// admin's <c>os-unmanage</c> over <see cref="VolumeManagement"/>.
/// </summary>
internal static class CinderVolumeActions
{
    /// <summary>The route's actions and their policies (endpoint metadata), checked before the volume is looked up.</summary>
    public static readonly (string Action, string Policy)[] Policies =
    [
        ("os-reserve", AccessPolicies.VolumeReserve),
        ("os-unreserve", AccessPolicies.VolumeUnreserve),
        ("os-attach", AccessPolicies.VolumeAttach),
        ("os-begin_detaching", AccessPolicies.VolumeBeginDetaching),
        ("os-roll_detaching", AccessPolicies.VolumeRollDetaching),
        ("os-detach", AccessPolicies.VolumeDetach),
        ("os-unmanage", AccessPolicies.VolumeUnmanage),
    ];

    /// <summary>The route's bodies, one per action, for the OpenAPI document (endpoint metadata).</summary>
    public static readonly JsonBodyShape[] Bodies =
    [
        JsonBodyShape.NoArguments("os-reserve"),
        JsonBodyShape.NoArguments("os-unreserve"),
        new("os-attach", typeof(AttachVolumeRequest)),
        JsonBodyShape.NoArguments("os-begin_detaching"),
        JsonBodyShape.NoArguments("os-roll_detaching"),
        new("os-detach", typeof(DetachVolumeRequest), NullAllowed: true),
        JsonBodyShape.NoArguments("os-unmanage"),
    ];

    public static async Task<Accepted> PostAsync(
        [FromRoute(Name = "volume_id")] string volumeId, HttpRequest request, TenantContext tenant, VolumeStore volumes,
        VolumeAttachments attachments, VolumeManagement management, CancellationToken ct)
    {
        var body = await JsonBody.ReadRootAsync(request, ct);
        var (action, value) = Single(body);
        PolicyEnforcement.DemandAction(request.HttpContext, tenant, action);
        var volume = await CinderVolumeLookup.FindAsync(volumes, tenant.TenantId, volumeId, ct);
        var tenantId = tenant.TenantId;
        switch (action)
        {
            case "os-reserve":
                EnsureNoArguments(action, value);
                await attachments.ReserveAsync(tenantId, volume.Id, ct);
                break;
            case "os-unreserve":
                EnsureNoArguments(action, value);
                await attachments.UnreserveAsync(tenantId, volume.Id, ct);
                break;
            case "os-attach":
                var attach = AttachArguments.Parse(value);
                await attachments.AttachAsync(tenantId, volume.Id, attach.ServerId, attach.HostName, attach.Mountpoint, attach.Mode, ct);
                break;
            case "os-begin_detaching":
                EnsureNoArguments(action, value);
                await attachments.BeginDetachingAsync(tenantId, volume.Id, ct);
                break;
            case "os-roll_detaching":
                EnsureNoArguments(action, value);
                await attachments.RollDetachingAsync(tenantId, volume.Id, ct);
                break;
            case "os-detach":
                await attachments.DetachAsync(tenantId, volume.Id, AttachArguments.DetachAttachmentId(value), ct);
                break;
            case "os-unmanage":
                // Releases an adopted device or file: the row goes, the bytes stay (admin only).
                EnsureNoArguments(action, value);
                await management.UnmanageAsync(tenantId, volume.Id, ct);
                break;
            default:
                throw BadRequest($"There is no such action: {action}");
        }

        return TypedResults.Accepted((string?)null);
    }

    private static (string Action, JsonElement Value) Single(JsonElement body)
    {
        var properties = body.EnumerateObject().ToList();
        return properties.Count == 1
            ? (properties[0].Name, properties[0].Value)
            : throw BadRequest("Malformed request body: an action request names exactly one action.");
    }

    /// <summary>Actions without arguments take <c>null</c> or <c>{}</c>, as clients send either.</summary>
    private static void EnsureNoArguments(string action, JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object) || (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any()))
        {
            throw BadRequest($"Invalid input for field/attribute {action}: it takes no arguments (null or {{}}).");
        }
    }

    private static FaultException BadRequest(string message) => new(Fault.BadRequest(message));
}
