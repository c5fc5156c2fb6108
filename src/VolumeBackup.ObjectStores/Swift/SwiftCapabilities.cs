using System.Text.Json;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>What the cluster's <c>/info</c> says about the features the store uses.</summary>
internal sealed record SwiftCapabilities(int MaxBulkDeletes)
{
    public static readonly SwiftCapabilities None = new(0);

    public bool BulkDelete => MaxBulkDeletes > 0;

    public static SwiftCapabilities Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        if (doc.RootElement.TryGetProperty("bulk_delete", out var bulk)
            && bulk.ValueKind == JsonValueKind.Object)
        {
            var max = bulk.TryGetProperty("max_deletes_per_request", out var m) && m.TryGetInt32(out var n) ? n : 10_000;
            // Keep one request's work moderate: the proxy deletes the entries one after another while the client waits.
            return new SwiftCapabilities(Math.Clamp(max, 1, 1_000));
        }

        return None;
    }

    /// <summary>The <c>/info</c> URL of the cluster serving <paramref name="storageUrl"/> (<c>http://h:p/v1/AUTH_x</c> -> <c>http://h:p/info</c>).</summary>
    public static Uri InfoUrl(Uri storageUrl)
    {
        var path = storageUrl.AbsolutePath;
        var v1 = path.LastIndexOf("/v1/", StringComparison.Ordinal);
        var root = v1 >= 0 ? path[..v1] : string.Empty;
        return new Uri(storageUrl, root + "/info");
    }
}
