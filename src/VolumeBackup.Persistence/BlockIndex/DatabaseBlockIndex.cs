using System.Text;
using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.Persistence.Configurations;

namespace VolumeBackup.Persistence.BlockIndex;

/// <summary>
/// The block index of one container (<paramref name="tenantId"/>, <paramref name="container"/>) in the metadata database:
/// every statement is bound to that pair, so nothing crosses containers or tenants. Backup workers call it concurrently,
/// so each call uses a fresh context from <paramref name="contexts"/> and runs one statement per batch.
/// </summary>
public sealed class DatabaseBlockIndex(
    IDbContextFactory<VolumeBackupDbContext> contexts, string tenantId, string container, TimeProvider time) : IBlockIndex
{
    /// <summary>Rows per INSERT (7 parameters each): far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int InsertBatch = 500;

    /// <summary>Packs per DELETE.</summary>
    private const int DeleteBatch = 500;

    public string TenantId => tenantId;

    public string Container => container;

    public async ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct)
    {
        if (hashes.Length == 0)
        {
            return;
        }

        var keys = new List<byte[]>(hashes.Length);
        for (var i = 0; i < hashes.Length; i++)
        {
            keys.Add(ToBytes(hashes.Span[i]));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.BlockIndexEntries.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Container == container && keys.Contains(e.Hash))
            .Select(e => new { e.Hash, e.PackId, e.Offset, e.StoredLength, e.Compression })
            .ToListAsync(ct);
        var byHash = rows.ToDictionary(
            r => Hash256.Read(r.Hash),
            r => new BlockLocation(Hash256.Read(r.PackId), (uint)r.Offset, (uint)r.StoredLength, (BlockCompression)r.Compression));
        var output = found.Span;
        for (var i = 0; i < hashes.Length; i++)
        {
            output[i] = byHash.TryGetValue(hashes.Span[i], out var location) ? location : null;
        }
    }

    /// <summary>
    /// INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a block already indexed keeps its first location,
    /// and two callers adding the same pack at once both succeed.
    /// </summary>
    public async ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pack = ToBytes(packId);
        var distinct = entries.DistinctBy(e => e.Hash).ToList(); // a pack may hold a block twice; one statement, one row
        await using var db = await contexts.CreateDbContextAsync(ct);
        for (var start = 0; start < distinct.Count; start += InsertBatch)
        {
            var batch = distinct.GetRange(start, Math.Min(InsertBatch, distinct.Count - start));
            var sql = new StringBuilder(128 + batch.Count * 48);
            sql.Append("INSERT INTO \"").Append(BlockIndexEntryConfiguration.Table)
                .Append("\" (\"TenantId\", \"Container\", \"Hash\", \"PackId\", \"Offset\", \"StoredLength\", \"Compression\") VALUES ");
            var parameters = new object[batch.Count * 7];
            for (var i = 0; i < batch.Count; i++)
            {
                var p = i * 7;
                sql.Append(i == 0 ? "(" : ", (");
                for (var k = 0; k < 7; k++)
                {
                    sql.Append(k == 0 ? "{" : ", {").Append(p + k).Append('}');
                }

                sql.Append(')');
                var e = batch[i];
                parameters[p] = tenantId;
                parameters[p + 1] = container;
                parameters[p + 2] = ToBytes(e.Hash);
                parameters[p + 3] = pack;
                parameters[p + 4] = (long)e.Offset;
                parameters[p + 5] = (long)e.StoredLength;
                parameters[p + 6] = (short)e.Compression;
            }

            sql.Append(" ON CONFLICT DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }

    public async ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(packIds);
        var ids = packIds.Select(ToBytes).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        for (var start = 0; start < ids.Count; start += DeleteBatch)
        {
            var batch = ids.GetRange(start, Math.Min(DeleteBatch, ids.Count - start));
            await db.BlockIndexEntries
                .Where(e => e.TenantId == tenantId && e.Container == container && batch.Contains(e.PackId))
                .ExecuteDeleteAsync(ct);
        }
    }

    public async ValueTask<bool> IsCompleteAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.BlockIndexStates.AnyAsync(s => s.TenantId == tenantId && s.Container == container, ct);
    }

    public async ValueTask MarkCompleteAsync(CancellationToken ct)
    {
        if (await IsCompleteAsync(ct))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.BlockIndexStates.Add(new BlockIndexState { TenantId = tenantId, Container = container, CompletedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await IsCompleteAsync(ct))
            {
                throw;
            }

            // another backup of the container marked it first
        }
    }

    /// <summary>
    /// Forgets the container's index: its rows and its complete mark. The next backup into the container rebuilds it.
    /// For a container that is deleted, or whose index was not kept in step (sweeps ran without it).
    /// </summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.BlockIndexStates.Where(s => s.TenantId == tenantId && s.Container == container).ExecuteDeleteAsync(ct);
        await db.BlockIndexEntries.Where(e => e.TenantId == tenantId && e.Container == container).ExecuteDeleteAsync(ct);
    }

    private static byte[] ToBytes(Hash256 hash)
    {
        var bytes = new byte[Hash256.Size];
        hash.Write(bytes);
        return bytes;
    }
}
