using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobTrust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TrustId",
                table: "Jobs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TrustId",
                table: "Jobs");
        }
    }
}
