namespace VolumeBackup.Client;

/// <summary>One page of a listing: at most <see cref="Limit"/> items after the item with id <see cref="Marker"/>.</summary>
public sealed record PageRequest(int? Limit = null, string? Marker = null)
{
    internal string ToQuery()
    {
        var parts = new List<string>(2);
        if (Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(Marker))
        {
            parts.Add("marker=" + Uri.EscapeDataString(Marker));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
