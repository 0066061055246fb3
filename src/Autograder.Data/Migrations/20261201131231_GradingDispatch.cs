using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autograder.Data.Migrations
{
    /// <inheritdoc />
    public partial class GradingDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DispatchedAt",
                table: "Submissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GradeJobId",
                table: "Submissions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Submissions",
                type: "text",
                nullable: true);

            // Submissions past Queued were given their jobs the old way; those still queued are dispatched once more, and
            // their grade jobs find them graded by whichever ran first.
            migrationBuilder.Sql("UPDATE \"Submissions\" SET \"DispatchedAt\" = \"SubmittedAt\" WHERE \"State\" <> 'Queued'");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_Undispatched",
                table: "Submissions",
                column: "Id",
                filter: "\"DispatchedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Submissions_Undispatched",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "DispatchedAt",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "GradeJobId",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Submissions");
        }
    }
}
