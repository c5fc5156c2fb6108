using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VolumeBackup.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContainerBlockIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BlockIndexEntries",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Container = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    PackId = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    StoredLength = table.Column<long>(type: "bigint", nullable: false),
                    Compression = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BlockIndexEntries", x => new { x.TenantId, x.Container, x.Hash });
                });

            migrationBuilder.CreateTable(
                name: "BlockIndexStates",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Container = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BlockIndexStates", x => new { x.TenantId, x.Container });
                });

            migrationBuilder.CreateIndex(
                name: "IX_BlockIndexEntries_TenantId_Container_PackId",
                table: "BlockIndexEntries",
                columns: new[] { "TenantId", "Container", "PackId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BlockIndexEntries");

            migrationBuilder.DropTable(
                name: "BlockIndexStates");
        }
    }
}
