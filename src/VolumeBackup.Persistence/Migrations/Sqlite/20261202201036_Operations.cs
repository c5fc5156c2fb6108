using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelRequestedAt",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DataBytes",
                table: "Backups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PolicyId",
                table: "Backups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StoredBytes",
                table: "Backups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Verification",
                table: "Backups",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "unverified");

            migrationBuilder.AddColumn<string>(
                name: "VerificationReport",
                table: "Backups",
                type: "TEXT",
                maxLength: 65536,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VerifiedAt",
                table: "Backups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BackupPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    VolumeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Container = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IntervalSeconds = table.Column<long>(type: "INTEGER", nullable: true),
                    Cron = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Force = table.Column<bool>(type: "INTEGER", nullable: false),
                    KeepLast = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepHourly = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepDaily = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepWeekly = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepMonthly = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepYearly = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    NextRunAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastBackupId = table.Column<long>(type: "INTEGER", nullable: true),
                    LastResult = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    TrustId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Backups_PolicyId",
                table: "Backups",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupPolicies_Enabled_NextRunAt",
                table: "BackupPolicies",
                columns: new[] { "Enabled", "NextRunAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupPolicies_TenantId_Id",
                table: "BackupPolicies",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupPolicies_Uuid",
                table: "BackupPolicies",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BackupPolicies_VolumeId",
                table: "BackupPolicies",
                column: "VolumeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BackupPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Backups_PolicyId",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "CancelRequestedAt",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "DataBytes",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "PolicyId",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "StoredBytes",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "Verification",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "VerificationReport",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "Backups");
        }
    }
}
