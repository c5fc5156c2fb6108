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

    private const string InsertInto = "INSERT INTO \"" + BlockIndexEntryConfiguration.Table +
        "\" (\"TenantId\", \"Container\", \"Hash\", \"PackId\", \"Offset\", \"StoredLength\", \"Compression\") VALUES ";

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

        // One plain command, not a LINQ query: a backup runs thousands of these (one per 1 MiB chunk with new blocks), and
        // EF's query pipeline cost more CPU per lookup than the workers spend hashing and compressing the chunk. Its text
        // depends only on the number of hashes (at most a chunk's blocks), so the database caches a handful of plans.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(256);
        sql.Append("SELECT \"Hash\", \"PackId\", \"Offset\", \"StoredLength\", \"Compression\" FROM \"")
            .Append(BlockIndexEntryConfiguration.Table)
            .Append("\" WHERE \"TenantId\" = @tenant AND \"Container\" = @container AND \"Hash\" IN (");
        AddParameter(command, "@tenant", tenantId);
        AddParameter(command, "@container", container);
        for (var i = 0; i < hashes.Length; i++)
        {
            sql.Append(i == 0 ? "@h0" : $", @h{i}");
            AddParameter(command, $"@h{i}", ToBytes(hashes.Span[i]));
        }

        command.CommandText = sql.Append(')').ToString();
        found.Span.Clear();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hash = new byte[Hash256.Size];
        var pack = new byte[Hash256.Size];
        while (await reader.ReadAsync(ct))
        {
            reader.GetBytes(0, 0, hash, 0, Hash256.Size);
            reader.GetBytes(1, 0, pack, 0, Hash256.Size);
            var key = Hash256.Read(hash);
            var location = new BlockLocation(
                Hash256.Read(pack), (uint)reader.GetInt64(2), (uint)reader.GetInt64(3), (BlockCompression)reader.GetInt16(4));
            for (var i = 0; i < hashes.Length; i++)
            {
                if (hashes.Span[i] == key)
                {
                    found.Span[i] = location;
                }
            }
        }
    }

    private static System.Data.Common.DbParameter AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a block already indexed keeps its first location,
    /// and two callers adding the same pack at once both succeed. One transaction per call; a plain command rather than
    /// EF's raw-SQL path, whose per-parameter work made recording a pack five times slower than the database's own insert.
    /// SQLite runs one prepared single-row statement per block; PostgreSQL gets multi-row statements, since each statement
    /// costs it a round trip.
    /// </summary>
    public ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct) =>
        AddPacksAsync([(packId, entries)], ct);

    public async ValueTask AddPacksAsync(IReadOnlyList<(Hash256 PackId, IReadOnlyList<PackIndexEntry> Entries)> packs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(packs);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            foreach (var (packId, entries) in packs)
            {
                ArgumentNullException.ThrowIfNull(entries);
                await InsertMultiRowAsync(connection, transaction, ToBytes(packId), entries, ct);
            }
        }
        else
        {
            await InsertRowByRowAsync(connection, transaction, packs, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// SQLite: one prepared single-row statement executed per block (in-process, a few microseconds each); building a
    /// command per row cost 65 microseconds of CPU per block, which on a busy node the backup's workers felt.
    /// </summary>
    private async Task InsertRowByRowAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        IReadOnlyList<(Hash256 PackId, IReadOnlyList<PackIndexEntry> Entries)> packs, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertInto + "(@tenant, @container, @hash, @pack, @offset, @length, @compression) ON CONFLICT DO NOTHING";
        AddParameter(command, "@tenant", tenantId);
        AddParameter(command, "@container", container);
        var hash = AddParameter(command, "@hash", Array.Empty<byte>());
        var pack = AddParameter(command, "@pack", Array.Empty<byte>());
        var offset = AddParameter(command, "@offset", 0L);
        var length = AddParameter(command, "@length", 0L);
        var compression = AddParameter(command, "@compression", (short)0);
        await command.PrepareAsync(ct);
        foreach (var (packId, entries) in packs)
        {
            ArgumentNullException.ThrowIfNull(entries);
            pack.Value = ToBytes(packId);
            foreach (var e in entries) // a block twice in one pack: the second insert does nothing
            {
                hash.Value = ToBytes(e.Hash);
                offset.Value = (long)e.Offset;
                length.Value = (long)e.StoredLength;
                compression.Value = (short)e.Compression;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>PostgreSQL: up to <see cref="InsertBatch"/> rows per statement, one round trip each.</summary>
    private async Task InsertMultiRowAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, byte[] pack,
        IReadOnlyList<PackIndexEntry> entries, CancellationToken ct)
    {
        var distinct = entries.DistinctBy(e => e.Hash).ToList(); // a pack may hold a block twice; one statement, one row
        for (var start = 0; start < distinct.Count; start += InsertBatch)
        {
            var batch = distinct.GetRange(start, Math.Min(InsertBatch, distinct.Count - start));
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(128 + batch.Count * 48);
            sql.Append(InsertInto);
            AddParameter(command, "@tenant", tenantId);
            AddParameter(command, "@container", container);
            AddParameter(command, "@pack", pack);
            for (var i = 0; i < batch.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"(@tenant, @container, @h{i}, @pack, @o{i}, @l{i}, @c{i})");
                var e = batch[i];
                AddParameter(command, $"@h{i}", ToBytes(e.Hash));
                AddParameter(command, $"@o{i}", (long)e.Offset);
                AddParameter(command, $"@l{i}", (long)e.StoredLength);
                AddParameter(command, $"@c{i}", (short)e.Compression);
            }

            command.CommandText = sql.Append(" ON CONFLICT DO NOTHING").ToString();
            await command.ExecuteNonQueryAsync(ct);
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
