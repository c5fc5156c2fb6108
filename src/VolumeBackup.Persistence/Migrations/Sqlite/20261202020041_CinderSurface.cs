using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CinderSurface : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttachMode",
                table: "Volumes",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttachedAt",
                table: "Volumes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedDevice",
                table: "Volumes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedHostName",
                table: "Volumes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedServerId",
                table: "Volumes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AttachmentId",
                table: "Volumes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "Volumes",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Volumes",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "IsIncremental",
                table: "Backups",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Metadata",
                table: "Backups",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "Backups",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Backups",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Rows made before this migration get their own random version-4 id, in EF Core's TEXT form for a Guid
            // (upper case); randomblob() is evaluated for each row.
            const string randomUuid =
                "upper(hex(randomblob(4))) || '-' || upper(hex(randomblob(2))) || '-4' || substr(upper(hex(randomblob(2))), 2)"
                + " || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(upper(hex(randomblob(2))), 2)"
                + " || '-' || upper(hex(randomblob(6)))";
            migrationBuilder.Sql($"UPDATE \"Volumes\" SET \"Uuid\" = {randomUuid};");
            migrationBuilder.Sql($"UPDATE \"Backups\" SET \"Uuid\" = {randomUuid};");

            migrationBuilder.CreateIndex(
                name: "IX_Volumes_Uuid",
                table: "Volumes",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Backups_Uuid",
                table: "Backups",
                column: "Uuid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Volumes_Uuid",
                table: "Volumes");

            migrationBuilder.DropIndex(
                name: "IX_Backups_Uuid",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "AttachMode",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "AttachedAt",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "AttachedDevice",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "AttachedHostName",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "AttachedServerId",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "Uuid",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "IsIncremental",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "Metadata",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "Backups");

            migrationBuilder.DropColumn(
                name: "Uuid",
                table: "Backups");
        }
    }
}
