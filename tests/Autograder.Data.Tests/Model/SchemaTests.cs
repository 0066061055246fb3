using System.Text.Json.Nodes;
using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autograder.Data.Tests.Model;

public sealed class SchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrations_CreateEveryTable()
    {
        await using var db = fixture.Context();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var count = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name = {table}").SingleAsync();
            Assert.True(count == 1, $"table {table} is missing");
        }
    }

    [Fact]
    public async Task Model_HasNoChangeMissingFromTheCheckedInMigrations()
    {
        await using var db = fixture.Context();
        Assert.False(db.Database.HasPendingModelChanges(), "run `dotnet ef migrations add <Name> --project src/Autograder.Data`");
    }

    [Fact]
    public async Task ResultDocuments_AreCompressedWithLz4()
    {
        await using var db = fixture.Context();
        var method = await db.Database.SqlQuery<string>(
            $"SELECT attcompression::text AS \"Value\" FROM pg_attribute WHERE attrelid = '\"Results\"'::regclass AND attname = 'Document'").SingleAsync();
        Assert.Equal("l", method);
    }

    [Fact]
    public async Task IdempotencyKey_IsUniquePerCourse()
    {
        var (course, exam, person) = await Seed("key");
        await using var db = fixture.Context();
        db.Submissions.Add(NewSubmission(course, exam, person, "same", 1));
        await db.SaveChangesAsync();
        db.Submissions.Add(NewSubmission(course, exam, person, "same", 2));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Result_IsUniquePerSubmission()
    {
        var (course, exam, person) = await Seed("result");
        await using var db = fixture.Context();
        var submission = NewSubmission(course, exam, person, "r1", 1);
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        db.Results.Add(NewResult(submission.Id));
        await db.SaveChangesAsync();
        // A second context, as a second worker would have: only the unique index stands in the way.
        await using var other = fixture.Context();
        other.Results.Add(NewResult(submission.Id));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Variant_RoundTripsItsJson()
    {
        var (_, exam, person) = await Seed("json");
        var parameters = JsonNode.Parse("""{"tree": {"children": [{"token": "a", "logp": -0.25}]}, "beam_width": 2, "x": 1e-7}""")!.AsObject();
        await using (var db = fixture.Context())
        {
            db.Variants.Add(new ExamVariant
            {
                ExamId = exam.Id, PersonId = person.Id, ProblemId = "beam-search-tree", Solver = "beam-search", StudentKey = person.Login,
                Params = parameters, ReferenceAnswers = new JsonObject { ["beam"] = new JsonArray("a") }, Seed = 7,
            });
            await db.SaveChangesAsync();
        }
        await using var read = fixture.Context();
        var stored = await read.Variants.SingleAsync(v => v.ExamId == exam.Id);
        Assert.True(JsonNode.DeepEquals(parameters, stored.Params), stored.Params.ToJsonString());
    }

    [Fact]
    public async Task DeletingACourse_RemovesItsExamsSubmissionsResultsAndReports()
    {
        var (course, exam, person) = await Seed("cascade");
        await using (var db = fixture.Context())
        {
            var submission = NewSubmission(course, exam, person, "c1", 1);
            db.Submissions.Add(submission);
            await db.SaveChangesAsync();
            db.Results.Add(NewResult(submission.Id));
            db.Reports.Add(new Report { Kind = ReportKinds.Student, ExamId = exam.Id, SubmissionId = submission.Id, Pdf = [1, 2, 3], Sha256 = "x" });
            await db.SaveChangesAsync();
        }
        await using var check = fixture.Context();
        Assert.Equal(1, await check.Courses.Where(c => c.Id == course.Id).ExecuteDeleteAsync());
        Assert.False(await check.Submissions.AnyAsync(s => s.CourseId == course.Id));
        Assert.False(await check.Reports.AnyAsync(r => r.ExamId == exam.Id));
        Assert.False(await check.Exams.AnyAsync(e => e.Id == exam.Id));
    }

    private async Task<(Course, Exam, Person)> Seed(string code)
    {
        await using var db = fixture.Context();
        var course = new Course { Code = code + Guid.NewGuid().ToString("N")[..6], Title = "Deep learning" };
        var person = new Person { Login = "s-" + Guid.NewGuid().ToString("N")[..8], Name = "Ada", Email = "ada@example.edu" };
        var exam = new Exam { Course = course, BankExamId = "sp23-midterm", Title = "Midterm", Seed = 1, State = ExamState.Published };
        db.AddRange(course, person, exam, new Enrollment { Course = course, Person = person, Role = CourseRole.Student });
        await db.SaveChangesAsync();
        return (course, exam, person);
    }

    private static Submission NewSubmission(Course course, Exam exam, Person person, string key, int attempt) => new()
    {
        CourseId = course.Id, ExamId = exam.Id, PersonId = person.Id, IdempotencyKey = key, Attempt = attempt, Answers = [],
    };

    private static GradingResult NewResult(long submissionId) => new()
    {
        SubmissionId = submissionId, Score = 1, Max = 2, GraderVersion = "test", Document = [],
    };
}
