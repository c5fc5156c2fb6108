using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Conversions;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class VolumeConfiguration : IEntityTypeConfiguration<Volume>
{
    public void Configure(EntityTypeBuilder<Volume> builder)
    {
        builder.ToTable("Volumes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedOnAdd();
        builder.Property(v => v.TenantId).HasMaxLength(64).IsRequired();
        builder.Property(v => v.DisplayName).HasMaxLength(255);
        builder.Property(v => v.DisplayDescription).HasMaxLength(1024);
        builder.Property(v => v.Status).HasMaxLength(32).IsRequired();
        builder.Property(v => v.AvailabilityZone).HasMaxLength(64).IsRequired();
        builder.Property(v => v.Host).HasMaxLength(255).IsRequired();
        builder.Property(v => v.FailReason).HasMaxLength(1024);
        builder.Property(v => v.Metadata)
            .HasConversion(MetadataConverter.Converter, MetadataConverter.Comparer)
            .IsRequired();
        builder.Property(v => v.UserId).HasMaxLength(255);
        builder.Property(v => v.AttachedServerId).HasMaxLength(255);
        builder.Property(v => v.AttachedHostName).HasMaxLength(255);
        builder.Property(v => v.AttachedDevice).HasMaxLength(255);
        builder.Property(v => v.AttachMode).HasMaxLength(8);
        builder.Property(v => v.ManagedPath).HasMaxLength(4096);
        builder.Ignore(v => v.SizeBytes);
        builder.HasIndex(v => v.TenantId);
        builder.HasIndex(v => v.Uuid).IsUnique();

        // A device or file is adopted at most once per node; service-made volumes (null path) are not constrained.
        builder.HasIndex(v => new { v.Host, v.ManagedPath }).IsUnique();
    }
}
