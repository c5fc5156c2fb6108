using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.ObjectStores.Filesystem;

/// <summary>
/// Objects as files under one directory, keys as relative paths. A put writes a temporary file, flushes it to disk
/// and renames it over the target, so a crash leaves the old object or the whole new one. Metadata, when given,
/// sits in a sidecar file <c>.{name}.meta</c> written before the object itself.
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
    private readonly string _directory;

    public FilesystemObjectStore(string directory, string container)
    {
        _directory = Path.GetFullPath(directory);
        Container = container;
    }

    public string Container { get; }

    public Task EnsureContainerAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!Directory.Exists(_directory))
        {
            throw new ObjectNotFoundException(Container);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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
    }

    public async Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var path = PathOf(key);
        using var handle = OpenForRead(path, key);
        var length = RandomAccess.GetLength(handle);
        await ReadIntoAsync(handle, 0, checked((int)length), destination, ct);
    }

    public async Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var path = PathOf(key);
        using var handle = OpenForRead(path, key);
        var size = RandomAccess.GetLength(handle);
        if (offset < 0 || length < 0 || offset + length > size)
        {
            throw new ObjectStoreException($"Range {offset}+{length} is outside object '{key}' of {size} bytes.", isTransient: false);
        }

        await ReadIntoAsync(handle, offset, length, destination, ct);
    }

    public async Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>();
        var metaPath = MetaPathOf(path);
        if (File.Exists(metaPath))
        {
            var bytes = await File.ReadAllBytesAsync(metaPath, ct);
            metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(bytes) ?? metadata;
        }

        return new ObjectInfo(key, file.Length, file.LastWriteTimeUtc, metadata);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
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
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        if (!Directory.Exists(_directory))
        {
            throw new ObjectNotFoundException(Container);
        }

        var empty = new Dictionary<string, string>();
        var keys = new List<(string Key, FileInfo File)>();
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.StartsWith(MetaPrefix, StringComparison.Ordinal))
            {
                RemoveIfAbandoned(file);
                continue; // sidecars and temporary files are not objects
            }

            var key = Path.GetRelativePath(_directory, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add((key, file));
            }
        }

        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, file) in keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return new ObjectInfo(key, file.Length, file.LastWriteTimeUtc, empty);
        }
    }

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
        if (key.Split('/').Any(s => s.StartsWith(MetaPrefix, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Object keys may not have a segment starting with '.': '{key}'.", nameof(key));
        }

        return Path.Combine(_directory, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string MetaPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, MetaPrefix + Path.GetFileName(path) + MetaSuffix);

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenForRead(string path, string key)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(key);
        }
    }

    private static async Task ReadIntoAsync(
        Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        while (length > 0)
        {
            var chunk = Math.Min(length, 1 << 20);
            var memory = destination.GetMemory(chunk)[..chunk];
            var read = await RandomAccess.ReadAsync(handle, memory, offset, ct);
            if (read == 0)
            {
                throw new ObjectStoreException("Object ended before the expected length.", isTransient: true);
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
        catch (IOException e) when (e.HResult == 28 || e.Message.Contains("No space", StringComparison.Ordinal))
        {
            File.Delete(temp);
            throw new ObjectStoreException("The object store's disk is full.", isTransient: false, e);
        }
        catch
        {
            File.Delete(temp);
            throw;
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
