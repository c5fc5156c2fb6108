using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>Listing (paged by marker) and bulk delete.</summary>
internal sealed partial class SwiftObjectStore
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var marker = string.Empty;
        while (true)
        {
            var page = await ListPageAsync(prefix, marker, ct);
            foreach (var entry in page)
            {
                yield return new ObjectInfo(entry.Name, entry.Bytes, ParseTime(entry.LastModified), NoMetadata);
            }

            // A short page is the last one; Swift sorts by UTF-8 bytes, the order of the marker.
            if (page.Count < _listPageSize)
            {
                yield break;
            }

            marker = page[^1].Name;
        }
    }

    public async Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ObjectKeys.EnsureValidKey(key);
        }

        var capabilities = _useBulkDelete && keys.Count > 1 ? await _account.GetCapabilitiesAsync(ct) : SwiftCapabilities.None;
        if (!capabilities.BulkDelete)
        {
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (key, t) => await DeleteAsync(key, t));
            return;
        }

        foreach (var batch in keys.Chunk(capabilities.MaxBulkDeletes))
        {
            await BulkDeleteAsync(batch, ct);
        }
    }

    private Task<List<SwiftListingEntry>> ListPageAsync(string prefix, string marker, CancellationToken ct)
    {
        var what = $"listing of '{SwiftContainer}' (prefix '{prefix}')";
        return _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(s => new HttpRequestMessage(HttpMethod.Get,
                $"{ContainerUri(s)}?format=json&limit={_listPageSize}&prefix={Uri.EscapeDataString(prefix)}&marker={Uri.EscapeDataString(marker)}"),
                HttpCompletionOption.ResponseHeadersRead, t);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return [];
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await SwiftErrors.FromResponseAsync(response, what, SwiftContainer, t);
            }

            await using var body = await response.Content.ReadAsStreamAsync(t);
            return await JsonSerializer.DeserializeAsync(body, SwiftJsonContext.Default.ListSwiftListingEntry, t) ?? [];
        }, ct);
    }

    private Task BulkDeleteAsync(string[] keys, CancellationToken ct)
    {
        var what = $"bulk delete of {keys.Length} objects in '{SwiftContainer}'";
        var list = new StringBuilder();
        foreach (var key in keys)
        {
            list.Append('/').Append(Uri.EscapeDataString(SwiftContainer)).Append('/').Append(EscapeKey(key)).Append('\n');
        }

        var body = Encoding.UTF8.GetBytes(list.ToString());
        return _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(s =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"{s.StorageUrl.AbsoluteUri.TrimEnd('/')}?bulk-delete")
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.ContentType = new("text/plain");
                request.Headers.Accept.ParseAdd("application/json");
                return request;
            }, default, t);
            if (!response.IsSuccessStatusCode)
            {
                throw await SwiftErrors.FromResponseAsync(response, what, SwiftContainer, t);
            }

            var result = await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.SwiftBulkDeleteResult, t)
                ?? throw new ObjectStoreException($"Swift {what} answered without a result.", isTransient: true);
            var errors = result.Errors ?? [];
            if (result.StatusCode is >= 200 and < 300 && errors.Count == 0)
            {
                return;
            }

            // Per-object failures come as [name, "503 Service Unavailable"]; retrying helps only when all are transient.
            var statuses = errors.Select(e => e.Count > 1 ? e[1].ToString() : string.Empty).ToList();
            var transient = statuses.Count == 0
                ? SwiftErrors.IsTransient((HttpStatusCode)result.StatusCode)
                : statuses.All(s => s.Length >= 3 && int.TryParse(s.AsSpan(0, 3), out var code) && SwiftErrors.IsTransient((HttpStatusCode)code));
            var sample = string.Join("; ", errors.Take(3).Select(e => string.Join(' ', e)));
            throw new ObjectStoreException(
                $"Swift {what} failed: {result.ResponseStatus} {result.ResponseBody} {sample}".TrimEnd() + ".", transient);
        }, ct);
    }

    private static DateTimeOffset ParseTime(string? swiftTime) =>
        DateTimeOffset.TryParse(swiftTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : DateTimeOffset.UnixEpoch;
}
