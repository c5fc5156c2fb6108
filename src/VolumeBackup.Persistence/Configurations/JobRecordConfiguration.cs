using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Persistence.Configurations;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("Jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.Property(j => j.Kind).HasMaxLength(32).IsRequired();
        builder.Property(j => j.TargetHost).HasMaxLength(255);
        builder.Property(j => j.TenantId).HasMaxLength(64);
        builder.Property(j => j.State).HasMaxLength(16).IsRequired();
        builder.Property(j => j.LeaseOwner).HasMaxLength(255);
        builder.Property(j => j.LastError).HasMaxLength(2048);
        builder.Property(j => j.TrustId).HasMaxLength(64); // Keystone trust ids are 32 hex digits

        // Claimers scan queued jobs in id order; expired-lease recovery scans running ones by expiry.
        builder.HasIndex(j => new { j.State, j.Id });
        builder.HasIndex(j => new { j.State, j.LeaseExpiresAt });

        // Lease recovery looks up a backup's latest job.
        builder.HasIndex(j => j.BackupId);
    }
}
