using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.Server.Api.Actions;

/// <summary>
/// The arguments of one volume action: an object with only the keys the action knows (anything else is a 400 naming
/// the action and the key), read with <see cref="RequestFields"/>.
/// </summary>
internal sealed class ActionFields
{
    private const int MaxLength = 255;
    private readonly string _action;
    private readonly RequestFields _fields;

    public ActionFields(string action, JsonElement value, IReadOnlyCollection<string> allowed)
    {
        _action = action;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{action} must be an object");
        }

        var unexpected = value.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !allowed.Contains(name));
        if (unexpected is not null)
        {
            throw Invalid($"Additional properties are not allowed ('{unexpected}' was unexpected)");
        }

        _fields = new RequestFields(value, FieldFaults.NameTheField);
    }

    public string? OptionalString(string name) => _fields.OptionalString(name, MaxLength);

    public Guid? OptionalUuid(string name) => OptionalString(name) is { } text
        ? Guid.TryParseExact(text, "D", out var id) ? id : throw Invalid($"'{name}' must be a UUID")
        : null;

    private FaultException Invalid(string detail) => new(Fault.BadRequest($"Invalid input for field/attribute {_action}. {detail}."));
}
