using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Persistence.Locks;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class ContainerLockRecordConfiguration : IEntityTypeConfiguration<ContainerLockRecord>
{
    public void Configure(EntityTypeBuilder<ContainerLockRecord> builder)
    {
        builder.ToTable("ContainerLocks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedOnAdd();
        builder.Property(l => l.TenantId).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Container).HasMaxLength(256).IsRequired();
        builder.Property(l => l.Key).HasMaxLength(128).IsRequired();
        builder.Property(l => l.Kind).HasMaxLength(16).IsRequired();
        builder.Property(l => l.Owner).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Holder).HasMaxLength(320);

        // One row per lock; every reader lists a container's locks.
        builder.HasIndex(l => new { l.TenantId, l.Container, l.Key }).IsUnique();
    }
}
