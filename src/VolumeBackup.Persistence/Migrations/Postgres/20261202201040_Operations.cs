using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelRequestedAt",
                table: "Jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DataBytes",
                table: "Backups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PolicyId",
                table: "Backups",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StoredBytes",
                table: "Backups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Verification",
                table: "Backups",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "unverified");

            migrationBuilder.AddColumn<string>(
                name: "VerificationReport",
                table: "Backups",
                type: "character varying(65536)",
                maxLength: 65536,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerifiedAt",
                table: "Backups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BackupPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    VolumeId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Container = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IntervalSeconds = table.Column<long>(type: "bigint", nullable: true),
                    Cron = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Force = table.Column<bool>(type: "boolean", nullable: false),
                    KeepLast = table.Column<int>(type: "integer", nullable: false),
                    KeepHourly = table.Column<int>(type: "integer", nullable: false),
                    KeepDaily = table.Column<int>(type: "integer", nullable: false),
                    KeepWeekly = table.Column<int>(type: "integer", nullable: false),
                    KeepMonthly = table.Column<int>(type: "integer", nullable: false),
                    KeepYearly = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    NextRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastBackupId = table.Column<long>(type: "bigint", nullable: true),
                    LastResult = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    TrustId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
