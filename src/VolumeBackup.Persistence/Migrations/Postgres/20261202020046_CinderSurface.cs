using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Postgres
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
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AttachedAt",
                table: "Volumes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedDevice",
                table: "Volumes",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedHostName",
                table: "Volumes",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachedServerId",
                table: "Volumes",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AttachmentId",
                table: "Volumes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "Volumes",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Volumes",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "IsIncremental",
                table: "Backups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Metadata",
                table: "Backups",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "Backups",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Backups",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Rows made before this migration get their own random id (the column's default is all zeros).
            migrationBuilder.Sql("UPDATE \"Volumes\" SET \"Uuid\" = gen_random_uuid();");
            migrationBuilder.Sql("UPDATE \"Backups\" SET \"Uuid\" = gen_random_uuid();");

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
