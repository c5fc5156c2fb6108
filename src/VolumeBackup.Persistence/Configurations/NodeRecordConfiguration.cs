using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Persistence.Nodes;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class NodeRecordConfiguration : IEntityTypeConfiguration<NodeRecord>
{
    public void Configure(EntityTypeBuilder<NodeRecord> builder)
    {
        builder.ToTable("Nodes");
        builder.HasKey(n => n.Host);
        builder.Property(n => n.Host).HasMaxLength(255);
        builder.Property(n => n.Roles).HasMaxLength(64).IsRequired();
        builder.Property(n => n.Instance).HasMaxLength(64).IsRequired();
        builder.Property(n => n.Endpoint).HasMaxLength(512);
        builder.Property(n => n.Version).HasMaxLength(64);
    }
}
