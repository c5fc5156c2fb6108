using System.Globalization;

namespace VolumeBackup.Domain;

/// <summary>Ids are positive decimal integers shown as strings; anything else names no resource.</summary>
public static class RouteIds
{
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return !string.IsNullOrEmpty(text)
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);
}
