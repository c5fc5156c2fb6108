using System.Text.Json;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Hp.Backups;

/// <summary>
/// Reads the bodies of create (<c>{"backup": {...}}</c>) and restore (<c>{"restore": {...}}</c>) with
/// <see cref="RequestFields"/>. Any problem (a wrong type, a missing or malformed id, an over-long name, a container name
/// some store cannot hold) is the spec's one answer, 400 <c>Incorrect request body format.</c>, before anything is read
/// or changed. Unknown keys are ignored.
/// </summary>
internal static class BackupRequestParser
{
    // The database columns' sizes (Persistence BackupConfiguration).
    private const int MaxNameLength = 255;
    private const int MaxDescriptionLength = 1024;

    public static NewBackup ParseCreate(JsonElement backup, string defaultContainer)
    {
        var fields = new RequestFields(backup, FieldFaults.SpecMessageOnly);
        var volumeId = fields.RequiredId("volume_id");
        var name = fields.OptionalString("display_name", MaxNameLength);
        var description = fields.OptionalString("display_description", MaxDescriptionLength);

        // Checked in UTF-8 bytes against the strictest store (ObjectKeys): a name the store refuses would fail the job
        // and leave a backup that could never be deleted.
        var container = fields.OptionalString("container", ObjectKeys.MaxContainerBytes) ?? defaultContainer;
        return ObjectKeys.IsValidContainer(container)
            ? new NewBackup(volumeId, name, description, container)
            : throw fields.Invalid("container", "is not a valid container name");
    }

    /// <summary>The target volume of a restore; null means "restore to a new volume".</summary>
    public static long? ParseRestore(JsonElement restore) =>
        new RequestFields(restore, FieldFaults.SpecMessageOnly).OptionalId("volume_id");
}
