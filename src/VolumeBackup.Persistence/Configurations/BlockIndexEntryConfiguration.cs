using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Persistence.BlockIndex;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class BlockIndexEntryConfiguration : IEntityTypeConfiguration<BlockIndexEntry>
{
    public const string Table = "BlockIndexEntries";

    public void Configure(EntityTypeBuilder<BlockIndexEntry> builder)
    {
        builder.ToTable(Table);

        // Lookups are WHERE tenant AND container AND hash IN (...): the key serves them, and keeps one row per block.
        builder.HasKey(e => new { e.TenantId, e.Container, e.Hash });
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.Container).HasMaxLength(256);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.Property(e => e.PackId).HasMaxLength(32).IsRequired();

        // A sweep forgets packs: WHERE tenant AND container AND pack IN (...).
        builder.HasIndex(e => new { e.TenantId, e.Container, e.PackId });
    }
}
