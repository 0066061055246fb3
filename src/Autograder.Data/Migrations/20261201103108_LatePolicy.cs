using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autograder.Data.Migrations
{
    /// <inheritdoc />
    public partial class LatePolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeSpan>(
                name: "LateBy",
                table: "Submissions",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "LatePenaltyPercent",
                table: "Submissions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LatePenaltyPerDay",
                table: "Exams",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "LatePenaltyPercent",
                table: "Exams",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LateUntil",
                table: "Exams",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LateBy",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "LatePenaltyPercent",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "LatePenaltyPerDay",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "LatePenaltyPercent",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "LateUntil",
                table: "Exams");
        }
    }
}
