using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Domain.Policies;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class BackupPolicyConfiguration : IEntityTypeConfiguration<BackupPolicy>
{
    public void Configure(EntityTypeBuilder<BackupPolicy> builder)
    {
        builder.ToTable("BackupPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.TenantId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.UserId).HasMaxLength(255);
        builder.Property(p => p.Name).HasMaxLength(255);
        builder.Property(p => p.Container).HasMaxLength(256);
        builder.Property(p => p.Cron).HasMaxLength(128);
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(p => p.LastResult).HasMaxLength(1024);
        builder.Property(p => p.TrustId).HasMaxLength(64);
        builder.HasIndex(p => p.Uuid).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.Id });
        builder.HasIndex(p => p.VolumeId);

        // The scheduler's scan: enabled policies whose due time has passed, oldest first.
        builder.HasIndex(p => new { p.Enabled, p.NextRunAt });
    }
}
