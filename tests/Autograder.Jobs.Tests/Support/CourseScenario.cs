using Autograder.Solvers.Simulation;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Submissions;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Support;

/// <summary>A course in a fresh database of its own: a roster, a published exam, and a way to submit simulated answers.</summary>
public sealed class CourseScenario : IAsyncDisposable
{
    public const string Course = "dl";
    public const string ExamId = "sp23-midterm";
    public const long Seed = 2026;

    private CourseScenario(ServiceRuntime runtime, ProblemBank bank, Exam exam)
    {
        Runtime = runtime;
        Bank = bank;
        Exam = exam;
    }

    public static readonly Lazy<ProblemBank> SharedBank = new(() => BankLoader.Load(ProblemBank.Locate()));

    public ServiceRuntime Runtime { get; }
    public ProblemBank Bank { get; }
    public Exam Exam { get; }
    public string ConnectionString => Runtime.Database.ConnectionString;

    public static async Task<CourseScenario> StartAsync(int students, JobSettings? settings = null)
    {
        var connectionString = await Task.Run(() => PostgresServer.CreateDatabase("jobs"));
        var bank = SharedBank.Value;
        var runtime = await ServiceRuntime.StartAsync(bank, settings ?? new JobSettings { RenderReports = false }, connectionString: connectionString);
        var courses = runtime.Get<CourseService>();
        await courses.CreateAsync(Course, "Deep learning", default);
        await courses.ImportRosterAsync(Course, DemoRunner.Roster(students), CourseRole.Student, default);
        var exam = await courses.ExamAsync(Course, bank.Exam(ExamId), Seed, default);
        await runtime.Get<PublishExamJob>().PublishAsync(exam.Id, null, null, default);
        return new CourseScenario(runtime, bank, exam);
    }

    public AutograderDb Db() => Runtime.Database.CreateContext();

    /// <summary>Simulated answers of a student to their own stored variants.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> AnswersAsync(string student, int seed)
    {
        await using var db = Db();
        var variants = await db.Variants.AsNoTracking().Where(v => v.ExamId == Exam.Id && v.Person!.Login == student).OrderBy(v => v.Position).ToListAsync();
        return new StudentSimulator(Bank, DemoRunner.CodeReferences(Bank)).ExamAnswers([.. variants.Select(SubmissionGrader.ToVariant(Bank))], new Random(seed));
    }

    public async Task<SubmitOutcome> SubmitAsync(string student, int seed, string? key = null) =>
        await SubmitAnswersAsync(student, await AnswersAsync(student, seed), key ?? $"{student}:{seed}");

    public Task<SubmitOutcome> SubmitAnswersAsync(string student, System.Text.Json.Nodes.JsonObject answers, string key) =>
        Runtime.Get<SubmissionService>().SubmitAsync(new SubmitRequest(Course, ExamId, student, answers, key), default);

    /// <summary>Waits until every submission of the exam is graded (or reported), or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitAllGradedAsync(int expected, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            int done;
            try
            {
                await using var db = Db();
                done = await db.Submissions.CountAsync(s => s.ExamId == Exam.Id && (s.State == SubmissionState.Graded || s.State == SubmissionState.Reported));
            }
            catch (Npgsql.NpgsqlException)
            {
                done = -1; // the server is restarting
            }
            if (done >= expected) return;
            Assert.True(clock.Elapsed < timeout, $"only {done} of {expected} submissions graded after {timeout.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync() => await Runtime.DisposeAsync();
}
