using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.ObjectStores.Filesystem;

/// <summary>
/// Objects as files under one directory, keys as relative paths. A put writes a temporary file, flushes it to disk,
/// renames it over the target and flushes the directory, so a crash leaves the old object or the whole new one.
/// Metadata, when given, sits in a sidecar file <c>.{name}.meta</c> written before the object itself. Every failure is
/// classified by <see cref="FilesystemErrors"/> (errno, not message text).
/// </summary>
public sealed class FilesystemObjectStore : IObjectStore
{
    private const string MetaPrefix = ".";
    private const string MetaSuffix = ".meta";
    private const string TempSuffix = ".tmp";

    /// <summary>Ten minutes: far beyond the seconds a put takes to write an 8 MiB pack on a busy disk.</summary>
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromMinutes(10);

    /// <summary>Objects from this size up (packs, not manifests or locks) are written past the page cache when aligned.</summary>
    private const int DirectWriteMinimum = 1 << 20;
    private static readonly Dictionary<string, string> NoMetadata = [];
    private readonly string _directory;

    public FilesystemObjectStore(string directory, string container)
    {
        _directory = Path.GetFullPath(directory);
        Container = container;
    }

    public string Container { get; }

    public Task EnsureContainerAsync(CancellationToken ct) => RunAsync($"creation of container '{Container}'", Container, () =>
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    });

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        var path = PathOf(key);
        return RunAsync($"upload of '{key}'", key, async () =>
        {
            if (!Directory.Exists(_directory))
            {
                throw new ObjectNotFoundException(Container);
            }

            var directory = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            var metaPath = MetaPathOf(path);
            if (metadata is { Count: > 0 })
            {
                await WriteAtomicallyAsync(metaPath, JsonSerializer.SerializeToUtf8Bytes(metadata), ct);
            }
            else
            {
                File.Delete(metaPath);
            }

            await WriteAtomicallyAsync(path, data, ct);

            // The renames are durable only once the directory holding the new names is on disk.
            DirectorySync.Flush(directory);
        });
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var path = PathOf(key);
        return RunAsync($"download of '{key}'", key, async () =>
        {
            using var handle = OpenForRead(path);
            var length = RandomAccess.GetLength(handle);
            await ReadIntoAsync(handle, 0, checked((int)length), destination, ct);
        });
    }

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var path = PathOf(key);
        return RunAsync($"download of '{key}' bytes {offset}+{length}", key, async () =>
        {
            using var handle = OpenForRead(path);
            var size = RandomAccess.GetLength(handle);
            if (offset < 0 || length < 0 || offset + length > size)
            {
                throw new ObjectStoreException($"Range {offset}+{length} is outside object '{key}' of {size} bytes.", ObjectStoreErrorKind.InvalidRange);
            }

            await ReadIntoAsync(handle, offset, length, destination, ct);
        });
    }

    public async Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ObjectInfo? info = null;
        await RunAsync($"lookup of '{key}'", key, async () =>
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return;
            }

            var metadata = NoMetadata;
            var metaPath = MetaPathOf(path);
            if (File.Exists(metaPath))
            {
                var bytes = await File.ReadAllBytesAsync(metaPath, ct);
                metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(bytes) ?? metadata;
            }

            info = new ObjectInfo(key, file.Length, file.LastWriteTimeUtc, metadata);
        });
        return info;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return RunAsync($"deletion of '{key}'", key, () =>
        {
            try
            {
                File.Delete(path);
                File.Delete(MetaPathOf(path));
            }
            catch (DirectoryNotFoundException)
            {
                // No directory, no object: deleting a missing object succeeds (the contract), whatever its key's depth.
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Walks only the deepest directory the prefix names (<c>locks/</c> reads <c>locks</c>, <c>packs/ab</c> reads
    /// <c>packs</c>), not the whole container: lock checks list often and must not cost a walk over every pack.
    /// </summary>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await Task.Yield();
        var keys = await ListKeysAsync(prefix);
        foreach (var (key, length, modified) in keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return new ObjectInfo(key, length, modified, NoMetadata);
        }
    }

    private async Task<List<(string Key, long Length, DateTime Modified)>> ListKeysAsync(string prefix)
    {
        var keys = new List<(string Key, long Length, DateTime Modified)>();
        await RunAsync($"listing of '{prefix}'", Container, () =>
        {
            if (!Directory.Exists(_directory))
            {
                throw new ObjectNotFoundException(Container);
            }

            var slash = prefix.LastIndexOf('/');
            var folder = slash < 0 ? string.Empty : prefix[..slash];
            if (folder.Length > 0 && !IsStoredKey(folder))
            {
                return Task.CompletedTask; // no object's key can start with a folder this store never creates
            }

            var start = new DirectoryInfo(folder.Length == 0 ? _directory : Path.Combine(_directory, folder.Replace('/', Path.DirectorySeparatorChar)));
            if (!start.Exists)
            {
                return Task.CompletedTask;
            }

            foreach (var file in start.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.StartsWith(MetaPrefix, StringComparison.Ordinal))
                {
                    RemoveIfAbandoned(file);
                    continue; // sidecars and temporary files are not objects
                }

                var key = Path.GetRelativePath(_directory, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (key.StartsWith(prefix, StringComparison.Ordinal) && TryStat(file) is var (length, modified))
                {
                    keys.Add((key, length, modified));
                }
            }

            return Task.CompletedTask;
        });
        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return keys;
    }

    /// <summary>
    /// Size and time read while listing: an object deleted between the directory read and its stat (a sweep or a
    /// released lock, in another job) is simply not listed, as in a listing taken a moment later.
    /// </summary>
    private static (long Length, DateTime Modified)? TryStat(FileInfo file)
    {
        try
        {
            return (file.Length, file.LastWriteTimeUtc);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs one operation, turning filesystem failures into the store's classified exceptions.</summary>
    private static async Task RunAsync(string what, string key, Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (FilesystemErrors.Classify(e, what, key) is { } error)
        {
            throw error;
        }
    }

    private static bool IsStoredKey(string key) =>
        ObjectKeys.IsValidKey(key) && !key.Split('/').Any(s => s.StartsWith(MetaPrefix, StringComparison.Ordinal));

    /// <summary>
    /// A temporary file of a put whose process was killed before the rename (a lock's <c>locks/.prune-*.tmp</c>, a
    /// pack's) is never renamed nor read; listings remove it once it is <see cref="AbandonedTempAge"/> old, an age no
    /// put in flight reaches, since a put writes its temporary file in one go and renames it at once.
    /// </summary>
    private static void RemoveIfAbandoned(FileInfo file)
    {
        if (!file.Name.EndsWith(TempSuffix, StringComparison.Ordinal) || DateTime.UtcNow - file.LastWriteTimeUtc < AbandonedTempAge)
        {
            return;
        }

        try
        {
            file.Delete();
        }
        catch (IOException)
        {
            // another listing removed it, or the disk refuses: the next listing tries again
        }
    }

    private string PathOf(string key)
    {
        ObjectKeys.EnsureValidKey(key);
        if (!IsStoredKey(key))
        {
            throw new ArgumentException($"Object keys may not have a segment starting with '.': '{key}'.", nameof(key));
        }

        return Path.Combine(_directory, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string MetaPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, MetaPrefix + Path.GetFileName(path) + MetaSuffix);

    private static SafeFileHandle OpenForRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);

    private static async Task ReadIntoAsync(SafeFileHandle handle, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        while (length > 0)
        {
            var chunk = Math.Min(length, 1 << 20);
            var memory = destination.GetMemory(chunk)[..chunk];
            var read = await RandomAccess.ReadAsync(handle, memory, offset, ct);
            if (read == 0)
            {
                // Shorter than its length a moment ago: replaced or truncated under us; reading again sees the new file.
                throw new ObjectStoreException("Object ended before the expected length.", ObjectStoreErrorKind.Unavailable);
            }

            destination.Advance(read);
            offset += read;
            length -= read;
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $"{MetaPrefix}{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous))
            {
                await WriteAsync(handle, data, ct);
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes a leftover temporary file; failing to (the disk that failed the write is gone) must not hide the first error.</summary>
    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // listings skip temporary files; the first error is what the caller needs
        }
    }

    /// <summary>
    /// A pack written through the page cache costs a kernel copy of every byte and pushes the host's hot data out for
    /// bytes nobody reads soon (see <see cref="DirectIo"/>), so the aligned bulk of a large, aligned buffer goes direct and
    /// only its unaligned tail through the cache. Anywhere direct writes are refused, everything goes through the cache.
    /// </summary>
    private static async Task WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        long offset = 0;
        var direct = data.Length >= DirectWriteMinimum && DirectIo.IsAligned(data.Span, 0) ? DirectIo.AlignedLength(data.Length) : 0;
        if (direct > 0 && DirectIo.TrySet(handle, enabled: true))
        {
            await RandomAccess.WriteAsync(handle, data[..direct], 0, ct);
            if (!DirectIo.TrySet(handle, enabled: false))
            {
                throw new IOException("Direct writes could not be turned off for the tail of an object.");
            }

            offset = direct;
        }

        if (offset < data.Length)
        {
            await RandomAccess.WriteAsync(handle, data[(int)offset..], offset, ct);
        }
    }
}
