using System.Diagnostics;
using System.Globalization;
using Autograder.Core.Bank;
using Autograder.Core.Variants;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Courses;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Publishing;
using Autograder.Jobs.Reports;
using Autograder.Jobs.Submissions;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Jobs.Demo;

public sealed record DemoOptions
{
    public string CourseCode { get; init; } = "demo";
    public int Students { get; init; } = 200;
    public long Seed { get; init; } = 2026;
    public IReadOnlyList<string> Exams { get; init; } = ["sp23-midterm", "sp23-hw8"];
    public required string OutputFolder { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Whether a few students of an exam with a code question hand in wrong and hostile code for it.</summary>
    public bool CodeSubmissions { get; init; } = true;
    /// <summary>How many students, from the first, hand in nothing (the web demo signs in as one of them).</summary>
    public int Unsubmitted { get; init; }
}

public sealed record ExamSummary(string ExamId, string Title, int Students, int Submitted, int Graded, int Reported, int Failed,
    double Mean, double Median, double Max, int FormatErrors, int FeedbackRules, TimeSpan GradingTime);

/// <summary>
/// A whole course on the service: a simulated class is enrolled, exams are published, every student submits,
/// workers grade and render reports, and the PDFs, the course summary and the grades land in the output folder.
/// </summary>
public sealed class DemoRunner(IServiceProvider services)
{
    public async Task<IReadOnlyList<ExamSummary>> RunAsync(DemoOptions options, Action<string>? say, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(options, say, ct);
        return await FinishAsync(options, prepared, clock, progress, ct);
    }

    public sealed record Prepared(IReadOnlyList<Exam> Exams, int Submissions);

    /// <summary>Course, roster, published exams and every student's submission stored and queued.</summary>
    public async Task<Prepared> PrepareAsync(DemoOptions options, Action<string>? say, CancellationToken ct)
    {
        say ??= _ => { };
        var bank = services.GetRequiredService<ProblemBank>();
        var courses = services.GetRequiredService<CourseService>();
        var dbs = services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        Directory.CreateDirectory(options.OutputFolder);

        if (await courses.DeleteAsync(options.CourseCode, ct)) say($"removed the previous '{options.CourseCode}' course");
        await courses.CreateAsync(options.CourseCode, "Deep Neural Networks (demo)", ct);
        var roster = Roster(options.Students);
        await WriteRoster(roster, Path.Combine(options.OutputFolder, "roster.csv"), ct);
        await courses.ImportRosterAsync(options.CourseCode, roster, CourseRole.Student, ct);
        say($"course '{options.CourseCode}' with {roster.Count} students");

        var exams = new List<Exam>();
        foreach (var examId in options.Exams)
        {
            var exam = await courses.ExamAsync(options.CourseCode, bank.Exam(examId), options.Seed, ct);
            var stored = await services.GetRequiredService<PublishExamJob>().PublishAsync(exam.Id, null, null, ct);
            say($"{examId} published: {stored} variants stored");
            exams.Add(exam);
        }

        var submitter = services.GetRequiredService<SubmissionService>();
        var rng = new Random(unchecked((int)options.Seed));
        var total = 0;
        foreach (var exam in exams)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var variants = (await db.Variants.AsNoTracking().Include(v => v.Person).Where(v => v.ExamId == exam.Id).ToListAsync(ct))
                .GroupBy(v => v.Person!.Login).OrderBy(g => g.Key, StringComparer.Ordinal);
            var toVariant = SubmissionGrader.ToVariant(bank);
            var students = new StudentSimulator(bank, CodeReferences(bank));
            var codeProblem = bank.Exam(exam.BankExamId).Problems.Select(p => bank.Problem(p.ProblemId))
                .FirstOrDefault(p => p.Id == DesignQuestion && p.Parts.Any(part => part.Type == AnswerType.Code));
            var index = 0;
            foreach (var student in variants.Skip(options.Unsubmitted))
            {
                var answers = students.ExamAnswers([.. student.OrderBy(v => v.Position).Select(toVariant)], rng);
                // The first few students of an exam with the hand-designed transformer hand in wrong and hostile code for it.
                if (options.CodeSubmissions && codeProblem is not null && index < DesignSubmissions.Count)
                    answers[codeProblem.Id] = new System.Text.Json.Nodes.JsonObject { ["code"] = DesignSubmissions[index].Source };
                await submitter.SubmitAsync(new SubmitRequest(options.CourseCode, exam.BankExamId, student.Key, answers, $"demo:{exam.BankExamId}:{student.Key}"), ct);
                index++;
                total++;
            }
        }
        say($"{total} submissions queued");
        return new Prepared(exams, total);
    }

    /// <summary>Waits for every report, renders the course summaries and writes the output folder; <paramref name="clock"/> times the grading.</summary>
    public async Task<IReadOnlyList<ExamSummary>> FinishAsync(DemoOptions options, Prepared prepared, Stopwatch clock, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        var exams = prepared.Exams;
        await WaitForReports(dbs, exams.Select(e => e.Id).ToList(), prepared.Submissions, progress, options.Timeout, ct);
        var gradingTime = clock.Elapsed;

        var summaries = new List<ExamSummary>();
        foreach (var exam in exams)
        {
            await services.GetRequiredService<CourseSummaryJob>().RunAsync(exam.Id, null, ct);
            summaries.Add(await Write(dbs, exam, options.OutputFolder, gradingTime, ct));
            await using var grades = new StreamWriter(Path.Combine(options.OutputFolder, $"{exam.BankExamId}-grades.csv"));
            await services.GetRequiredService<GradesExport>().WriteCsvAsync(exam, grades, ct);
        }
        return summaries;
    }

    /// <summary>
    /// Where a timed run's time went, from the stored timestamps: workers started to the last submission graded and to the
    /// last report stored, and per kind of job the runs and the mean time inside them; the rest of the workers' time is the
    /// job engine's (fetching, state changes) and waiting.
    /// </summary>
    public static async Task<string> ProfileAsync(IServiceProvider services, Prepared prepared, DateTimeOffset startedAt, int workers, CancellationToken ct)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var examIds = prepared.Exams.Select(e => e.Id).ToList();
        var submissions = db.Submissions.Where(s => examIds.Contains(s.ExamId));
        var graded = await submissions.MaxAsync(s => s.GradedAt, ct);
        var reported = await submissions.MaxAsync(s => s.ReportedAt, ct);
        var ids = submissions.Select(s => s.Id);
        var runs = (await db.JobRuns.AsNoTracking().Where(r => ids.Contains(r.SubjectId) && r.StartedAt >= startedAt && r.FinishedAt != null)
            .Select(r => new { r.Kind, r.HangfireJobId, r.StartedAt, r.FinishedAt }).ToListAsync(ct)).ToList();
        var end = reported ?? graded ?? DateTimeOffset.UtcNow;
        var wall = (end - startedAt).TotalSeconds;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"workers started to last graded: {((graded ?? end) - startedAt).TotalSeconds:0.0} s; to last report stored: {wall:0.0} s"),
        };
        // The workers' own start (host, job storage, server registration, the first dispatch) comes before any job runs.
        if (runs.Count > 0)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  first job started {(runs.Min(r => r.StartedAt!.Value) - startedAt).TotalSeconds:0.0} s after the workers were started"));
        var inside = 0.0;
        foreach (var kind in runs.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // A job that grades or renders a batch records a run per submission: its time is from its first start to its last finish.
            var jobs = kind.GroupBy(r => r.HangfireJobId).Select(j => (j.Max(r => r.FinishedAt!.Value) - j.Min(r => r.StartedAt!.Value)).TotalSeconds).ToList();
            var seconds = jobs.Sum();
            inside += seconds;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {kind.Key}: {kind.Count()} submissions in {jobs.Count} jobs, {seconds * 1000 / kind.Count():0.0} ms per submission inside the jobs, {seconds:0.0} s in all"));
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"  {workers} workers × {wall:0.0} s = {workers * wall:0.0} s of worker time, {inside:0.0} s inside jobs, {workers * wall - inside:0.0} s in the job engine or idle"));
        return string.Join('\n', lines);
    }

    public const string CodeQuestion = "conv-shape-function";

    /// <summary>Each code question's reference solution, what the simulated students who get a code part right hand in.</summary>
    public static Func<string, string?> CodeReferences(ProblemBank bank)
    {
        var cache = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        return id => cache.GetOrAdd(id, _ => Sandbox.Questions.CodeQuestionLoader.Load(bank.Root, id).ReferenceFile is { } file ? File.ReadAllText(file) : null);
    }

    public const string DesignQuestion = "hand-designed-attention";

    /// <summary>Code for the hand-designed transformer (Homework 8) from a few students: wrong, not compiling, and hostile.</summary>
    public static readonly IReadOnlyList<(string Name, string Source)> DesignSubmissions =
    [
        ("all-zero-weights", Design("return [Zero(), Zero(), Zero()];")),
        ("does-not-compile", Design("return [Zero(), Zero(), Zero()]")),
        ("reads-etc-passwd", Design("var text = System.IO.File.ReadAllText(\"/etc/passwd\"); return [Zero(), Zero(), Zero()];")),
        ("spins-forever", Design("while (true) { } ")),
        ("starts-a-process", Design("System.Diagnostics.Process.Start(\"sh\", \"-c id\"); return [Zero(), Zero(), Zero()];")),
        ("allocates-forever", Design("var hoard = new System.Collections.Generic.List<double[]>(); while (true) hoard.Add(new double[1 << 20]);")),
        ("recurses-forever", Design("return Deeper(0) > 0 ? [Zero(), Zero(), Zero()] : [];", "static int Deeper(int n) => Deeper(n + 1) + 1;")),
    ];

    private static string Design(string body, string extra = "") => $$"""
        using System.Linq;
        public static class Solution
        {
            public static double[][][] Design(string task, int vocab, int length)
            {
                var d = vocab + length;
                double[][] Zero() => Enumerable.Range(0, d).Select(_ => new double[d]).ToArray();
                {{body}}
            }
            {{extra}}
        }
        """;

    /// <summary>Code for the convolution-shape question from a few students: right, wrong, not compiling, and hostile.</summary>
    public static readonly IReadOnlyList<(string Name, string Source)> CodeSubmissions =
    [
        ("right", Code("(size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1")),
        ("right-again", Code("(size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1")),
        ("forgets-dilation", Code("(size + 2 * padding - kernel) / stride + 1")),
        ("rounds-up", Code("(size + 2 * padding - dilation * (kernel - 1) - 1 + stride - 1) / stride + 1")),
        ("does-not-compile", Code("(size + 2 * padding - kernel) / stride + 1;;")),
        ("reads-etc-passwd", Code("System.IO.File.ReadAllText(\"/etc/passwd\").Length")),
        ("spins-forever", Code("Spin()", "static int Spin() { while (true) { } }")),
        ("starts-a-process", Code("System.Diagnostics.Process.Start(\"sh\", \"-c id\")!.Id")),
    ];

    private static string Code(string side, string extra = "") => $$"""
        public static class Solution
        {
            public static int[] OutputShape(int[] input, int filters, int kernel, int stride, int padding, int dilation)
            {
                int Side(int size) => {{side}};
                return [input[0], filters, Side(input[2]), Side(input[3])];
            }
            {{extra}}
        }
        """;

    private static async Task WaitForReports(IDbContextFactory<AutograderDb> dbs, List<long> examIds, int total, IProgress<(int, int)>? progress,
        TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var done = await db.Submissions.CountAsync(s => examIds.Contains(s.ExamId) && (s.State == SubmissionState.Reported || s.State == SubmissionState.Failed), ct);
            progress?.Report((done, total));
            if (done >= total) return;
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"only {done} of {total} submissions were graded and reported within {timeout.TotalMinutes:0} minutes; see `autograder status`");
            await Task.Delay(250, ct);
        }
    }

    private static async Task<ExamSummary> Write(IDbContextFactory<AutograderDb> dbs, Exam exam, string folder, TimeSpan gradingTime, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var reportFolder = Path.Combine(folder, exam.BankExamId);
        Directory.CreateDirectory(reportFolder);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ExamId == exam.Id)
            .Join(db.Submissions, r => r.SubmissionId, s => s.Id, (r, s) => new { r.Pdf, s.Person!.Login })
            .ToListAsync(ct);
        foreach (var report in reports)
            await File.WriteAllBytesAsync(Path.Combine(reportFolder, report.Login + ".pdf"), report.Pdf, ct);
        var summary = await db.Reports.AsNoTracking().SingleAsync(r => r.ExamId == exam.Id && r.Kind == ReportKinds.CourseSummary, ct);
        await File.WriteAllBytesAsync(Path.Combine(folder, $"{exam.BankExamId}-summary.pdf"), summary.Pdf, ct);

        var states = await db.Submissions.Where(s => s.ExamId == exam.Id).GroupBy(s => s.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var scores = await db.Results.Where(r => r.Submission!.ExamId == exam.Id).Select(r => r.Score).OrderBy(x => x).ToListAsync(ct);
        var parts = db.PartGrades.Where(p => p.Result!.Submission!.ExamId == exam.Id);
        var students = await db.Enrollments.CountAsync(e => e.CourseId == exam.CourseId && e.Role == CourseRole.Student, ct);
        return new ExamSummary(exam.BankExamId, exam.Title, students, states.Values.Sum(), states.GetValueOrDefault(SubmissionState.Graded) + states.GetValueOrDefault(SubmissionState.Reported),
            states.GetValueOrDefault(SubmissionState.Reported), states.GetValueOrDefault(SubmissionState.Failed),
            scores.Count == 0 ? 0 : scores.Average(), scores.Count == 0 ? 0 : scores[scores.Count / 2], exam.TotalPoints,
            await parts.CountAsync(p => p.FormatError, ct), await parts.CountAsync(p => p.Rule != null, ct), gradingTime);
    }

    private static readonly string[] First = ["Ada", "Alan", "Grace", "Kurt", "Emmy", "John", "Sofia", "Yann", "Fei", "Geoffrey", "Ilya", "Daphne", "Andrew", "Ruslan", "Oriol", "Kaiming"];
    private static readonly string[] Last = ["Lovelace", "Turing", "Hopper", "Goedel", "Noether", "Neumann", "Kovalevskaya", "LeCun", "Li", "Hinton", "Sutskever", "Koller", "Ng", "Salakhutdinov", "Vinyals", "He", "Bengio"];

    public static IReadOnlyList<Student> Roster(int count) =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var name = $"{First[i % First.Length]} {Last[i * 7 % Last.Length]}";
            var id = $"s{i:000}";
            return new Student(id, name, $"{id}@students.example.edu");
        })];

    private static async Task WriteRoster(IReadOnlyList<Student> roster, string path, CancellationToken ct) =>
        await File.WriteAllLinesAsync(path, ["id,name,email", .. roster.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Id},{s.Name},{s.Email}"))], ct);
}
