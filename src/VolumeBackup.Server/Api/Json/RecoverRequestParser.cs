using System.Text.Json;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Api.Json;

/// <summary>
/// Reads the body of disaster recovery on both surfaces, <c>{"recover": {"container": "name"}}</c>: the container is
/// required and must be a name every store can hold (400 naming the field otherwise).
/// </summary>
internal static class RecoverRequestParser
{
    public static string ParseContainer(JsonElement recover)
    {
        var fields = new RequestFields(recover, FieldFaults.NameTheField);
        var container = fields.OptionalString("container", ObjectKeys.MaxContainerBytes)
            ?? throw fields.Invalid("container", "is required");
        return ObjectKeys.IsValidContainer(container) ? container : throw fields.Invalid("container", "is not a valid container name");
    }
}
