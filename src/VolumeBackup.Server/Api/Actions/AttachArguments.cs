using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.Server.Api.Actions;

/// <summary>
/// The arguments of <c>os-attach</c> and <c>os-detach</c>, in Cinder's form: Cinder's volume actions and the HP surface's
/// admin actions take the same (shared here, as neither surface may use the other's namespace).
/// </summary>
internal sealed record AttachArguments(string? ServerId, string? HostName, string Mountpoint, string Mode)
{
    public static AttachArguments Parse(JsonElement value)
    {
        var fields = new ActionFields("os-attach", value, ["instance_uuid", "mountpoint", "host_name", "mode"]);
        var server = fields.OptionalUuid("instance_uuid");
        var host = fields.OptionalString("host_name");
        if (server is null && host is null)
        {
            throw BadRequest("Invalid request to attach volume to an invalid target");
        }

        var mountpoint = fields.OptionalString("mountpoint") ?? throw BadRequest("Invalid input for field/attribute os-attach: 'mountpoint' is a required property.");
        var mode = fields.OptionalString("mode") ?? VolumeAttachment.ReadWrite;
        return mode is VolumeAttachment.ReadWrite or VolumeAttachment.ReadOnly
            ? new AttachArguments(server?.ToString("D"), host, mountpoint, mode)
            : throw BadRequest("Invalid request to attach volume with an invalid mode. Attaching mode should be 'rw' or 'ro'");
    }

    /// <summary><c>os-detach</c>'s optional attachment id (null or an object with <c>attachment_id</c>).</summary>
    public static Guid? DetachAttachmentId(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var fields = new ActionFields("os-detach", value, ["attachment_id"]);
        return fields.OptionalUuid("attachment_id");
    }

    private static FaultException BadRequest(string message) => new(Fault.BadRequest(message));
}
