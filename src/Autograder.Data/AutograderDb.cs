using System.Text.Json.Nodes;
using Autograder.Data.Model;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Autograder.Data;

/// <summary>The course database: rosters, exams and their variants, submissions, results, audit trail, reports and web accounts.</summary>
public sealed class AutograderDb(DbContextOptions<AutograderDb> options) : IdentityUserContext<WebUser>(options)
{
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<ExamVariant> Variants => Set<ExamVariant>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<GradingResult> Results => Set<GradingResult>();
    public DbSet<PartGrade> PartGrades => Set<PartGrade>();
    public DbSet<ScoreChange> ScoreChanges => Set<ScoreChange>();
    public DbSet<RegradeRequest> RegradeRequests => Set<RegradeRequest>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<ExamSitting> Sittings => Set<ExamSitting>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<GradingClaim> GradingClaims => Set<GradingClaim>();
    public DbSet<AnswerGroupGrade> AnswerGroupGrades => Set<AnswerGroupGrade>();
    public DbSet<RubricChange> RubricChanges => Set<RubricChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        OnWebModelCreating(modelBuilder);
        modelBuilder.Entity<Course>().HasIndex(c => c.Code).IsUnique();
        modelBuilder.Entity<Person>().HasIndex(p => p.Login).IsUnique();
        modelBuilder.Entity<Enrollment>(e =>
        {
            e.HasIndex(x => new { x.CourseId, x.PersonId, x.Role }).IsUnique();
            e.Property(x => x.Role).HasConversion<string>();
        });
        modelBuilder.Entity<Exam>(e =>
        {
            e.HasIndex(x => new { x.CourseId, x.BankExamId }).IsUnique();
            e.Property(x => x.State).HasConversion<string>();
            e.OwnsOne(x => x.Release);
        });
        modelBuilder.Entity<ExamVariant>(e =>
        {
            e.HasIndex(x => new { x.ExamId, x.PersonId, x.ProblemId }).IsUnique();
            Json(e.Property(x => x.Params));
            Json(e.Property(x => x.ReferenceAnswers));
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.HasIndex(x => new { x.CourseId, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.ExamId, x.PersonId, x.Attempt }).IsUnique();
            e.HasIndex(x => x.State);
            // The dispatchers' outbox: only the submissions still waiting for a grade job are in it, so a poll of an empty one is free.
            e.HasIndex(x => x.Id).HasFilter("\"DispatchedAt\" IS NULL").HasDatabaseName("IX_Submissions_Undispatched");
            e.Property(x => x.State).HasConversion<string>();
            Json(e.Property(x => x.Answers));
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId);
            e.HasOne(x => x.Result).WithOne(r => r.Submission).HasForeignKey<GradingResult>(r => r.SubmissionId);
        });
        modelBuilder.Entity<GradingResult>(e =>
        {
            // Exactly one result per submission: a regrade replaces it in one transaction.
            e.HasIndex(x => x.SubmissionId).IsUnique();
            Json(e.Property(x => x.Document));
            e.HasMany(x => x.Parts).WithOne(p => p.Result).HasForeignKey(p => p.ResultId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PartGrade>().HasIndex(x => new { x.ResultId, x.ProblemId, x.PartId }).IsUnique();
        modelBuilder.Entity<ScoreChange>(e =>
        {
            e.HasIndex(x => x.SubmissionId);
            e.Property(x => x.Kind).HasConversion<string>();
        });
        modelBuilder.Entity<RegradeRequest>(e =>
        {
            e.HasIndex(x => x.SubmissionId);
            e.Property(x => x.State).HasConversion<string>();
        });
        modelBuilder.Entity<Report>(e =>
        {
            e.HasIndex(x => new { x.SubmissionId, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.ExamId, x.Kind });
            e.HasOne<Exam>().WithMany().HasForeignKey(x => x.ExamId);
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<JobRun>(e =>
        {
            e.HasIndex(x => new { x.Kind, x.SubjectId });
            Json(e.Property(x => x.Output));
        });
    }

    private static void OnWebModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebUser>(e =>
        {
            e.HasIndex(x => x.PersonId).IsUnique();
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AccountLink>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.PersonId);
        });
        modelBuilder.Entity<PersonalAccessToken>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.PersonId, x.Name }).IsUnique();
        });
        modelBuilder.Entity<ExamSitting>(e =>
        {
            e.HasIndex(x => new { x.ExamId, x.PersonId }).IsUnique();
            e.Property(x => x.Draft).HasConversion(NullableJsonConverter, NullableJsonComparer).HasColumnType("jsonb");
        });
        // One claim per part: taking it is one INSERT ... ON CONFLICT, so two TAs never hold the same part.
        modelBuilder.Entity<GradingClaim>().HasIndex(x => new { x.SubmissionId, x.ProblemId, x.PartId }).IsUnique();
        modelBuilder.Entity<AnswerGroupGrade>().HasIndex(x => new { x.ExamId, x.ProblemId, x.PartId, x.Key }).IsUnique();
        modelBuilder.Entity<RubricChange>().HasIndex(x => new { x.ExamId, x.ProblemId, x.PartId });
    }

    private static readonly ValueConverter<JsonObject?, string?> NullableJsonConverter = new(
        v => v == null ? null : v.ToJsonString(null),
        v => v == null ? null : (JsonObject)JsonNode.Parse(v, null, default)!);

    private static readonly ValueComparer<JsonObject?> NullableJsonComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v == null ? 0 : v.ToJsonString(null).GetHashCode(StringComparison.Ordinal),
        v => v == null ? null : (JsonObject)v.DeepClone());

    private static readonly ValueConverter<JsonObject, string> JsonConverter = new(
        v => v.ToJsonString(null),
        v => (JsonObject)JsonNode.Parse(v, null, default)!);

    private static readonly ValueComparer<JsonObject> JsonComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString(null).GetHashCode(StringComparison.Ordinal),
        v => (JsonObject)v.DeepClone());

    private static void Json(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<JsonObject> property) =>
        property.HasConversion(JsonConverter, JsonComparer).HasColumnType("jsonb");
}
