using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PagingAndRecoveryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Jobs_BackupId",
                table: "Jobs",
                column: "BackupId");

            migrationBuilder.CreateIndex(
                name: "IX_Backups_TenantId_Id",
                table: "Backups",
                columns: new[] { "TenantId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Jobs_BackupId",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Backups_TenantId_Id",
                table: "Backups");
        }
    }
}
