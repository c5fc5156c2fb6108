using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Operations.Policies;

namespace VolumeBackup.Server.Api.Policies;

/// <summary>
/// Reads the body of a policy create or update (<c>{"policy": {...}}</c>) on either surface, all but <c>volume_id</c>
/// (an id on the HP surface, a UUID on Cinder's: the endpoint reads it). A wrong type or value is a 400 that names the
/// field (<c>schedule.cron</c>, <c>retention.keep_daily</c>...). Unknown keys are ignored.
/// </summary>
internal static class PolicyRequestParser
{
    private const int MaxNameLength = 255; // the column's size
    private const int MaxCronLength = 128;
    private const int MaxTimeZoneLength = 64;

    public static PolicyChanges Parse(JsonElement policy)
    {
        var container = String(policy, "container", "container", ObjectKeys.MaxContainerBytes);
        if (container is not null && !ObjectKeys.IsValidContainer(container))
        {
            throw Invalid("container", "is not a valid container name");
        }

        var retention = Object(policy, "retention", "retention");
        return new PolicyChanges
        {
            Name = String(policy, "name", "name", MaxNameLength),
            Container = container,
            Schedule = Object(policy, "schedule", "schedule") is { } schedule ? ParseSchedule(schedule) : null,
            Force = Bool(policy, "force", "force"),
            Enabled = Bool(policy, "enabled", "enabled"),
            KeepLast = Count(retention, "keep_last"),
            KeepHourly = Count(retention, "keep_hourly"),
            KeepDaily = Count(retention, "keep_daily"),
            KeepWeekly = Count(retention, "keep_weekly"),
            KeepMonthly = Count(retention, "keep_monthly"),
            KeepYearly = Count(retention, "keep_yearly"),
        };
    }

    /// <summary>The HP surface's <c>volume_id</c>: a decimal id as a string or number; null when absent.</summary>
    public static long? VolumeId(JsonElement policy)
    {
        if (!TryGet(policy, "volume_id", out var value))
        {
            return null;
        }

        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out var n) ? n : 0,
            JsonValueKind.String => Domain.RouteIds.TryParse(value.GetString(), out var s) ? s : 0,
            _ => 0,
        };
        return ok > 0 ? ok : throw Invalid("volume_id", "must be a volume id");
    }

    /// <summary>The Cinder surface's <c>volume_id</c>, a string (the endpoint resolves the UUID); null when absent.</summary>
    public static string? VolumeUuid(JsonElement policy) => String(policy, "volume_id", "volume_id", 64);

    private static PolicyScheduleChange ParseSchedule(JsonElement schedule)
    {
        long? interval = null;
        if (TryGet(schedule, "interval_seconds", out var value))
        {
            interval = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
                ? seconds
                : throw Invalid("schedule.interval_seconds", "must be a whole number of seconds");
        }

        return new PolicyScheduleChange(
            interval,
            String(schedule, "cron", "schedule.cron", MaxCronLength),
            String(schedule, "time_zone", "schedule.time_zone", MaxTimeZoneLength));
    }

    private static int? Count(JsonElement? retention, string name)
    {
        if (retention is not { } body || !TryGet(body, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Invalid("retention." + name, "must be a whole number, 0 or more");
    }

    private static string? String(JsonElement body, string name, string field, int maxLength)
    {
        if (!TryGet(body, name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(field, "must be a string");
        return text.Length <= maxLength ? text : throw Invalid(field, $"must be at most {maxLength} characters");
    }

    private static bool? Bool(JsonElement body, string name, string field)
    {
        if (!TryGet(body, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(field, "must be true or false"),
        };
    }

    private static JsonElement? Object(JsonElement body, string name, string field)
    {
        if (!TryGet(body, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid(field, "must be an object");
    }

    private static bool TryGet(JsonElement body, string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static FaultException Invalid(string field, string expectation) =>
        new(Fault.BadRequest(FaultMessages.InvalidField(field, expectation)));
}
