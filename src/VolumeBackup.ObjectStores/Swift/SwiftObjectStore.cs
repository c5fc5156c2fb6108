using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// One Swift container through the object API. Object names are the keys unchanged (a user listing the container with
/// the <c>swift</c> CLI sees the same names); metadata travels as <c>X-Object-Meta-{name}</c> headers. Uploads carry
/// their MD5 as <c>ETag</c>, so Swift refuses damaged bytes. Reads append to the destination only once the whole body
/// has arrived, so a failed read can be retried. The store does not retry: <c>RetryingObjectStore</c> does.
/// </summary>
internal sealed partial class SwiftObjectStore : IObjectStore
{
    private const string MetaHeaderPrefix = "X-Object-Meta-";
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private readonly SwiftAccount _account;
    private readonly int _listPageSize;
    private readonly bool _useBulkDelete;

    public SwiftObjectStore(SwiftAccount account, string container, string swiftContainer, int listPageSize, bool useBulkDelete)
    {
        _account = account;
        Container = container;
        SwiftContainer = swiftContainer;
        _listPageSize = Math.Clamp(listPageSize, 1, 10_000);
        _useBulkDelete = useBulkDelete;
    }

    public string Container { get; }

    /// <summary>The container's name in the Swift account (differs from <see cref="Container"/> in service mode).</summary>
    public string SwiftContainer { get; }

    public Task EnsureContainerAsync(CancellationToken ct) =>
        _account.RunAsync($"creation of container '{SwiftContainer}'", async t =>
        {
            using (var head = await _account.SendAsync(s => new HttpRequestMessage(HttpMethod.Head, ContainerUri(s)), default, t))
            {
                if (head.IsSuccessStatusCode)
                {
                    return;
                }

                if (head.StatusCode != HttpStatusCode.NotFound)
                {
                    throw await SwiftErrors.FromResponseAsync(head, $"HEAD of container '{SwiftContainer}'", SwiftContainer, t);
                }
            }

            using var put = await _account.SendAsync(s => new HttpRequestMessage(HttpMethod.Put, ContainerUri(s)), default, t);
            if (!put.IsSuccessStatusCode)
            {
                throw await SwiftErrors.FromResponseAsync(put, $"PUT of container '{SwiftContainer}'", SwiftContainer, t);
            }
        }, ct);

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        ObjectKeys.EnsureValidKey(key);
        SwiftMetadata.EnsureValid(metadata);
        // Swift's ETag is the MD5 of the body: a transfer checksum, not a security measure.
#pragma warning disable CA5351
        var etag = Convert.ToHexStringLower(MD5.HashData(data.Span));
#pragma warning restore CA5351
        var what = $"PUT of '{key}' in '{SwiftContainer}'";
        return _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(s =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(s, key)) { Content = new ReadOnlyMemoryContent(data) };
                request.Content.Headers.ContentType = OctetStream;
                request.Headers.TryAddWithoutValidation("ETag", etag);
                foreach (var (name, value) in metadata ?? SwiftMetadata.Empty)
                {
                    request.Headers.TryAddWithoutValidation(MetaHeaderPrefix + name, value);
                }

                return request;
            }, default, t);
            if (!response.IsSuccessStatusCode)
            {
                // 404 on a PUT: the container is missing.
                throw await SwiftErrors.FromResponseAsync(response, what, SwiftContainer, t);
            }

            var stored = response.Headers.TryGetValues("ETag", out var tags) ? tags.First().Trim('"') : null;
            if (stored is not null && !string.Equals(stored, etag, StringComparison.OrdinalIgnoreCase))
            {
                throw new ObjectStoreException($"Swift {what} stored ETag {stored}, expected {etag}.", isTransient: true);
            }
        }, ct);
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        ObjectKeys.EnsureValidKey(key);
        ArgumentNullException.ThrowIfNull(destination);
        var what = $"GET of '{key}' in '{SwiftContainer}'";
        return _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(
                s => new HttpRequestMessage(HttpMethod.Get, ObjectUri(s, key)), HttpCompletionOption.ResponseHeadersRead, t);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw await SwiftErrors.FromResponseAsync(response, what, key, t);
            }

            await SwiftBodies.ReadAllAsync(response.Content, response.Content.Headers.ContentLength, destination, t);
        }, ct);
    }

    public async Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        ObjectKeys.EnsureValidKey(key);
        ArgumentNullException.ThrowIfNull(destination);
        if (offset < 0 || length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range {offset}+{length} is invalid.");
        }

        if (length == 0)
        {
            // HTTP has no empty range; the object must still exist and reach the offset.
            var info = await TryGetInfoAsync(key, ct) ?? throw new ObjectNotFoundException(key);
            EnsureInside(key, offset, length, info.Size);
            return;
        }

        var what = $"GET of '{key}' bytes {offset}+{length} in '{SwiftContainer}'";
        await _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(s =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, ObjectUri(s, key));
                request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
                return request;
            }, HttpCompletionOption.ResponseHeadersRead, t);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                throw new ObjectStoreException($"Range {offset}+{length} is outside object '{key}'.", ObjectStoreErrorKind.InvalidRange);
            }

            if (response.StatusCode is not (HttpStatusCode.PartialContent or HttpStatusCode.OK))
            {
                throw await SwiftErrors.FromResponseAsync(response, what, key, t);
            }

            // Swift shortens a range that runs past the end; a 200 means it sent the whole (small) object instead.
            var range = response.Content.Headers.ContentRange;
            var size = range?.Length ?? response.Content.Headers.ContentLength ?? 0;
            EnsureInside(key, offset, length, size);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var whole = new ArrayBufferWriter<byte>(checked((int)size));
                await SwiftBodies.ReadAllAsync(response.Content, size, whole, t);
                destination.Write(whole.WrittenSpan.Slice(checked((int)offset), length));
                return;
            }

            await SwiftBodies.ReadAllAsync(response.Content, length, destination, t);
        }, ct);
    }

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        ObjectKeys.EnsureValidKey(key);
        var what = $"HEAD of '{key}' in '{SwiftContainer}'";
        return _account.RunAsync<ObjectInfo?>(what, async t =>
        {
            using var response = await _account.SendAsync(s => new HttpRequestMessage(HttpMethod.Head, ObjectUri(s, key)), default, t);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await SwiftErrors.FromResponseAsync(response, what, key, t);
            }

            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.NonValidated)
            {
                if (name.StartsWith(MetaHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    // Header names are case-insensitive and Swift title-cases them; keys come back in lower case.
                    metadata[name[MetaHeaderPrefix.Length..].ToLowerInvariant()] = values.ToString();
                }
            }

            var size = response.Content.Headers.ContentLength ?? 0;
            var modified = response.Content.Headers.LastModified ?? DateTimeOffset.UnixEpoch;
            return new ObjectInfo(key, size, modified, metadata);
        }, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        ObjectKeys.EnsureValidKey(key);
        var what = $"DELETE of '{key}' in '{SwiftContainer}'";
        return _account.RunAsync(what, async t =>
        {
            using var response = await _account.SendAsync(s => new HttpRequestMessage(HttpMethod.Delete, ObjectUri(s, key)), default, t);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                throw await SwiftErrors.FromResponseAsync(response, what, key, t);
            }
        }, ct);
    }

    private static void EnsureInside(string key, long offset, int length, long size)
    {
        if (offset + length > size)
        {
            throw new ObjectStoreException($"Range {offset}+{length} is outside object '{key}' of {size} bytes.", ObjectStoreErrorKind.InvalidRange);
        }
    }

    private Uri ContainerUri(SwiftSession session) =>
        new($"{session.StorageUrl.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(SwiftContainer)}");

    private Uri ObjectUri(SwiftSession session, string key) =>
        new($"{session.StorageUrl.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(SwiftContainer)}/{EscapeKey(key)}");

    /// <summary>Each '/'-separated segment percent-encoded; the slashes stay, as Swift's pseudo-directories.</summary>
    private static string EscapeKey(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
