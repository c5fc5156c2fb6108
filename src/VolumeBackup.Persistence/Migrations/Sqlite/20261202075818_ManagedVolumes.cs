using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManagedVolumes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManagedPath",
                table: "Volumes",
                type: "TEXT",
                maxLength: 4096,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ManagedSizeBytes",
                table: "Volumes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volumes_Host_ManagedPath",
                table: "Volumes",
                columns: new[] { "Host", "ManagedPath" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Volumes_Host_ManagedPath",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "ManagedPath",
                table: "Volumes");

            migrationBuilder.DropColumn(
                name: "ManagedSizeBytes",
                table: "Volumes");
        }
    }
}
