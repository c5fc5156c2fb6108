using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VolumeBackup.Persistence.Conversions;

/// <summary>Stores a UTC instant as Unix milliseconds (an ordered integer), for providers without a native type.</summary>
internal sealed class UnixMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
