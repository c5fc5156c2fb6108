using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Persistence.BlockIndex;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class BlockIndexStateConfiguration : IEntityTypeConfiguration<BlockIndexState>
{
    public void Configure(EntityTypeBuilder<BlockIndexState> builder)
    {
        builder.ToTable("BlockIndexStates");
        builder.HasKey(s => new { s.TenantId, s.Container });
        builder.Property(s => s.TenantId).HasMaxLength(64);
        builder.Property(s => s.Container).HasMaxLength(256);
    }
}
