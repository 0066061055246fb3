using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Autograder.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffGrading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnswerGroupGrades",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExamId = table.Column<long>(type: "bigint", nullable: false),
                    ProblemId = table.Column<string>(type: "text", nullable: false),
                    PartId = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Representative = table.Column<string>(type: "text", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    CheckedItems = table.Column<List<string>>(type: "text[]", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    By = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerGroupGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnswerGroupGrades_Exams_ExamId",
                        column: x => x.ExamId,
                        principalTable: "Exams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GradingClaims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    ProblemId = table.Column<string>(type: "text", nullable: false),
                    PartId = table.Column<string>(type: "text", nullable: false),
                    ClaimedBy = table.Column<string>(type: "text", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingClaims_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RubricChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExamId = table.Column<long>(type: "bigint", nullable: false),
                    ProblemId = table.Column<string>(type: "text", nullable: false),
                    PartId = table.Column<string>(type: "text", nullable: false),
                    ItemId = table.Column<string>(type: "text", nullable: false),
                    OldPoints = table.Column<double>(type: "double precision", nullable: false),
                    NewPoints = table.Column<double>(type: "double precision", nullable: false),
                    ScoresChanged = table.Column<int>(type: "integer", nullable: false),
                    By = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RubricChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RubricChanges_Exams_ExamId",
                        column: x => x.ExamId,
                        principalTable: "Exams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerGroupGrades_ExamId_ProblemId_PartId_Key",
                table: "AnswerGroupGrades",
                columns: new[] { "ExamId", "ProblemId", "PartId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradingClaims_SubmissionId_ProblemId_PartId",
                table: "GradingClaims",
                columns: new[] { "SubmissionId", "ProblemId", "PartId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RubricChanges_ExamId_ProblemId_PartId",
                table: "RubricChanges",
                columns: new[] { "ExamId", "ProblemId", "PartId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerGroupGrades");

            migrationBuilder.DropTable(
                name: "GradingClaims");

            migrationBuilder.DropTable(
                name: "RubricChanges");
        }
    }
}
