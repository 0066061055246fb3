using System.Net.Http.Headers;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Tests.Support;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Reports;
using Autograder.Solvers.Simulation;
using Autograder.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Autograder.Web.Tests.Support;

/// <summary>
/// The web app on a fresh database of its own, with two courses: <c>dl</c> (students s001–s003, TA ta1, instructor
/// prof, the Spring 2023 midterm published and a draft homework) and <c>other</c> (student x001), each with an account
/// and a token.
/// </summary>
public class WebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Course = "dl";
    public const string OtherCourse = "other";
    public const string ExamId = "sp23-midterm";
    public const string DraftExamId = "sp23-hw8";
    public const string Password = "correct horse battery";

    public string ConnectionString { get; } = PostgresServer.CreateDatabase("web");
    public Dictionary<string, string> Tokens { get; } = [];
    public Exam Exam { get; private set; } = null!;

    /// <summary>Settings of this factory's app (rate limits, intervals).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Host configuration: visible to the app before it builds its services (the connection string decides the database).
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Web:SecurityStampInterval"] = "00:00:00",
        }.Concat(Settings)));
        return base.CreateHost(builder);
    }

    public virtual async Task InitializeAsync() => Exam = await SeedAsync(Services, ConnectionString, Tokens);

    /// <summary>The two courses, their accounts (all with <see cref="Password"/>) and a token per person.</summary>
    public static async Task<Exam> SeedAsync(IServiceProvider services, string connectionString, Dictionary<string, string> tokens)
    {
        var courses = services.GetRequiredService<CourseService>();
        await courses.CreateAsync(Course, "Deep learning", default);
        await courses.ImportRosterAsync(Course, DemoRunner.Roster(3), CourseRole.Student, default);
        await courses.ImportRosterAsync(Course, [new("ta1", "Tess Assistant", "ta1@example.edu")], CourseRole.Ta, default);
        await courses.ImportRosterAsync(Course, [new("prof", "Pat Professor", "prof@example.edu")], CourseRole.Instructor, default);
        await courses.CreateAsync(OtherCourse, "Another course", default);
        await courses.ImportRosterAsync(OtherCourse, [new("x001", "Xavier Other", "x001@example.edu")], CourseRole.Student, default);
        var bank = services.GetRequiredService<Core.Bank.ProblemBank>();
        var exam = await courses.ExamAsync(Course, bank.Exam(ExamId), 2026, default);
        await services.GetRequiredService<PublishExamJob>().PublishAsync(exam.Id, null, null, default);
        await courses.ExamAsync(Course, bank.Exam(DraftExamId), 2026, default);

        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await using var db = new AutograderDb(Database.Options(connectionString));
        foreach (var course in await db.Courses.ToListAsync()) await accounts.EnsureAccountsAsync(course.Id, default);
        foreach (var login in new[] { "s001", "s002", "s003", "ta1", "prof", "x001" })
        {
            await accounts.SetPasswordDirectlyAsync(login, Password, default);
            tokens[login] = await AccessTokens.CreateAsync(db, login, "tests", null, default);
        }
        return exam;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    public AutograderDb Db() => new(Database.Options(ConnectionString));

    /// <summary>A client that calls the API as <paramref name="login"/> with their token (null: nobody).</summary>
    public HttpClient As(string? login)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        if (login is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[login]);
        return client;
    }

    /// <summary>Grades a submission and renders its report here and now, as a worker would.</summary>
    public async Task GradeAsync(long submissionId)
    {
        await Services.GetRequiredService<GradeSubmissionJob>().RunAsync(submissionId, null, default);
        await Services.GetRequiredService<RenderReportJob>().RunAsync(submissionId, null, default);
    }

    public async Task SetExamAsync(Action<Exam> change)
    {
        await using var db = Db();
        var exam = await db.Exams.SingleAsync(e => e.Id == Exam.Id);
        change(exam);
        await db.SaveChangesAsync();
    }

    /// <summary>Right-looking answers to the first part of each problem, enough for grading to have something to read.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> AnswersAsync(string login, int seed)
    {
        await using var db = Db();
        var bank = Services.GetRequiredService<Core.Bank.ProblemBank>();
        var variants = await db.Variants.AsNoTracking().Where(v => v.ExamId == Exam.Id && v.Person!.Login == login).OrderBy(v => v.Position).ToListAsync();
        return new StudentSimulator(bank, DemoRunner.CodeReferences(bank)).ExamAnswers([.. variants.Select(SubmissionGrader.ToVariant(bank))], new Random(seed));
    }
}
