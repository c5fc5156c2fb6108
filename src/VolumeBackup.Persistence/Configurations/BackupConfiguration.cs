using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence.Conversions;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class BackupConfiguration : IEntityTypeConfiguration<Backup>
{
    public void Configure(EntityTypeBuilder<Backup> builder)
    {
        builder.ToTable("Backups");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedOnAdd();
        builder.Property(b => b.TenantId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.DisplayName).HasMaxLength(255);
        builder.Property(b => b.DisplayDescription).HasMaxLength(1024);
        builder.Property(b => b.Container).HasMaxLength(256).IsRequired();
        builder.Property(b => b.Status).HasMaxLength(32).IsRequired();
        builder.Property(b => b.FailReason).HasMaxLength(1024);
        builder.Property(b => b.ProgressOperation).HasMaxLength(32);
        builder.Property(b => b.UserId).HasMaxLength(255);
        builder.Property(b => b.Verification).HasMaxLength(16).IsRequired();
        builder.Property(b => b.VerificationReport).HasMaxLength(65536);
        builder.Property(b => b.Metadata)
            .HasConversion(MetadataConverter.Converter, MetadataConverter.Comparer)
            .IsRequired();

        // A backup outlives its volume (the spec restores to any volume), so VolumeId is not a foreign key.
        builder.HasIndex(b => b.TenantId);
        builder.HasIndex(b => b.VolumeId);
        builder.HasIndex(b => b.Uuid).IsUnique();
        builder.HasIndex(b => b.PolicyId);

        // List and detail page through a tenant's backups in id order: WHERE TenantId = @t AND Id > @marker ORDER BY Id.
        builder.HasIndex(b => new { b.TenantId, b.Id });
    }
}
