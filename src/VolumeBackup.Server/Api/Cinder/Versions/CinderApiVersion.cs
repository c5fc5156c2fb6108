using System.Globalization;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Cinder.Versions;

/// <summary>
/// A Cinder microversion (<c>3.N</c>). Endpoints take it as a parameter: it is the version the request negotiated,
/// already checked by <see cref="CinderVersionNegotiation"/>.
/// </summary>
internal readonly record struct CinderApiVersion(int Major, int Minor) : IComparable<CinderApiVersion>
{
    public static CinderApiVersion Parse(string text)
    {
        var parts = text.Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return new CinderApiVersion(major, minor);
        }

        throw new FaultException(Fault.BadRequest(
            $"API Version String {text} is of invalid format. Must be of format MajorNum.MinorNum."));
    }

    /// <summary>True when the request asked for at least <paramref name="minor"/> (of major version 3).</summary>
    public bool AtLeast(int minor) => this >= new CinderApiVersion(3, minor);

    public int CompareTo(CinderApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(CinderApiVersion a, CinderApiVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(CinderApiVersion a, CinderApiVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(CinderApiVersion a, CinderApiVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(CinderApiVersion a, CinderApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>Minimal API binding: the version <see cref="CinderVersionNegotiation"/> stored for this request.</summary>
    public static ValueTask<CinderApiVersion> BindAsync(HttpContext context) =>
        ValueTask.FromResult(CinderVersionNegotiation.Negotiated(context));
}
