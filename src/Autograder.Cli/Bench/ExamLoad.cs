using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Data.Postgres;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Sittings;
using Autograder.Solvers.Simulation;
using Autograder.Web.Accounts;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Cli.Bench;

public sealed record ExamLoadOptions
{
    public int Students { get; init; } = 200;
    /// <summary>The exam's length: students open it in its first minute and submit in its last two.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);
    public int WorkerProcesses { get; init; } = 2;
    /// <summary>Kill one worker with SIGKILL and restart PostgreSQL during the submission burst.</summary>
    public bool Faults { get; init; }
    public required string WorkerDll { get; init; }
    public required ProblemBank Bank { get; init; }
    public Action<string> Say { get; init; } = _ => { };
}

public sealed record RouteFigures(int Requests, double P50Ms, double P95Ms, double P99Ms, int Errors);

/// <param name="Rescued">Students whose own submit never got through but whose saved draft the auto-submit sweep handed in and was graded.</param>
/// <param name="UnavailableS">Seconds during which requests only failed: from a failure to the next success, summed.</param>
/// <param name="LongestOutageS">The longest of those spans.</param>
public sealed record ExamLoadResult(int Students, IReadOnlyDictionary<string, RouteFigures> Routes, int Accepted, int Late, int Rescued, int Lost, int Doubled,
    double GradedWithinS, (double P50, double P95, double Max) SubmitToGradedS, (double P50, double P95, double Max) SubmitToReportS,
    double UnavailableS, double LongestOutageS, string? Faults);

/// <summary>
/// The worst hour of an exam, compressed and on loopback only: a course of N students with access tokens and a timed midterm;
/// the web app in this process and the workers as separate processes against one private PostgreSQL. Every student opens
/// their variant in the first minute, asks the parse route as they type, saves a draft every 30 s and submits in the
/// last two minutes; some twice with the same idempotency key, some after their deadline.
/// </summary>
public sealed class ExamLoad(ExamLoadOptions options)
{
    private const string Course = "bench";
    private const string ExamId = "sp23-midterm";
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly ConcurrentBag<(DateTimeOffset At, bool Ok)> outcomes = [];

    public async Task<ExamLoadResult> RunAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("autograder-bench-").FullName;
        using var server = ManagedPostgres.Start(dataDir, new ManagedPostgresOptions { Throwaway = true });
        var connection = server.ConnectionString("bench");
        options.Say($"PostgreSQL on 127.0.0.1:{server.Port}; web app in this process, {options.WorkerProcesses} worker processes");
        await using var app = await WebApp.BuildAsync(["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Default={connection}", "--Logging:LogLevel:Default=Warning"],
            new WebHostOptions { Bank = options.Bank }, ct);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var workers = Enumerable.Range(0, options.WorkerProcesses).Select(i => StartWorker(connection, i)).ToList();
        try
        {
            var students = await PrepareAsync(app, ct);
            return await LoadAsync(app, address, students, workers, server, connection, ct);
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
            foreach (var worker in workers) worker.Dispose();
        }
    }

    private sealed record Student(string Login, string Token, JsonObject Answers);

    private async Task<IReadOnlyList<Student>> PrepareAsync(WebApplication app, CancellationToken ct)
    {
        var services = app.Services;
        var demo = new DemoOptions { CourseCode = Course, Students = options.Students, Exams = [ExamId], Unsubmitted = options.Students, OutputFolder = Path.Combine(Path.GetTempPath(), "autograder-bench-out") };
        await services.GetRequiredService<DemoRunner>().PrepareAsync(demo, options.Say, ct);
        var dbs = services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var course = await db.Courses.SingleAsync(c => c.Code == Course, ct);
        var exam = await db.Exams.SingleAsync(e => e.CourseId == course.Id && e.BankExamId == ExamId, ct);
        var now = DateTimeOffset.UtcNow;
        exam.OpensAt = now;
        exam.ClosesAt = now + options.Duration + TimeSpan.FromMinutes(10);
        exam.TimeLimitMinutes = (int)Math.Ceiling(options.Duration.TotalMinutes) + 1;
        exam.Release.Scores = exam.Release.Feedback = true;
        await db.SaveChangesAsync(ct);
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureAccountsAsync(course.Id, ct);

        var bank = options.Bank;
        var simulator = new StudentSimulator(bank, DemoRunner.CodeReferences(bank));
        var variants = (await db.Variants.AsNoTracking().Include(v => v.Person).Where(v => v.ExamId == exam.Id).ToListAsync(ct))
            .GroupBy(v => v.Person!.Login).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var rng = new Random(2026);
        var students = new List<Student>();
        foreach (var group in variants)
        {
            var token = await AccessTokens.CreateAsync(db, group.Key, "bench", 1, ct);
            students.Add(new Student(group.Key, token, simulator.ExamAnswers([.. group.OrderBy(v => v.Position).Select(SubmissionGrader.ToVariant(bank))], rng)));
        }
        options.Say($"{students.Count} students with access tokens; the exam closes in {options.Duration.TotalMinutes:0.#} minutes");
        return students;
    }

    private Process StartWorker(string connection, int index)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { options.WorkerDll, "worker", "--queues", "default,sandbox,gpu", "--workers", "1" }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["AUTOGRADER_BANK"] = options.Bank.Root;
        // A killed worker's job comes back to the queue after this, not after the production default.
        start.Environment["AUTOGRADER_Jobs__InvisibilityTimeout"] = "00:00:20";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process");
        // As on a machine shared by the web and the workers (deploy/systemd: Nice=10): requests come before grading.
        process.PriorityClass = ProcessPriorityClass.BelowNormal;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) options.Say($"worker {index}: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<ExamLoadResult> LoadAsync(WebApplication app, string address, IReadOnlyList<Student> students, List<Process> workers,
        ManagedPostgres server, string connection, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        // A service that has been up a while: its first requests (compiling, warming the pools) are not the exam's.
        var warm = students[0];
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/courses/{Course}/exams");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", warm.Token);
            using var _ = await http.SendAsync(request, ct);
        }
        var started = DateTimeOffset.UtcNow;
        var deadline = started + options.Duration;
        // The exam opens now, when the students start, not when the course was made.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AutograderDb>>().CreateDbContextAsync(ct))
            await db.Exams.Where(e => e.Course!.Code == Course && e.BankExamId == ExamId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.OpensAt, started).SetProperty(e => e.ClosesAt, deadline), ct);
        var rng = new Random(7);
        var plans = students.Select(s => (Student: s, Open: rng.NextDouble() * 60, Submit: options.Duration.TotalSeconds - 120 * rng.NextDouble() * 0.95 - 1,
            Twice: rng.NextDouble() < 0.05, Late: rng.NextDouble() < 0.03)).ToList();
        string? faults = null;
        var faultTask = options.Faults ? InjectFaultsAsync(workers, server, connection, deadline, s => faults = s, ct) : Task.CompletedTask;
        var accepted = new ConcurrentDictionary<string, long>();
        var late = 0;
        await Task.WhenAll(plans.Select(p => Task.Run(async () =>
        {
            var outcome = await StudentAsync(http, p.Student, started, p.Open, p.Submit, p.Twice, p.Late, deadline, ct);
            if (outcome is { } id) accepted[p.Student.Login] = id;
            else if (p.Late) Interlocked.Increment(ref late);
        }, ct)));
        await faultTask;

        // Students whose submission never got through (nor were meant to be late): lost, unless the sweep handed in their draft.
        var refused = plans.Where(p => !p.Late && !accepted.ContainsKey(p.Student.Login)).Select(p => p.Student.Login).ToHashSet(StringComparer.Ordinal);
        options.Say($"{accepted.Count} submissions accepted, {late} refused after the deadline, {refused.Count} never got through; waiting for grading");
        var (lost, rescued, doubled, gradedWithin, toGraded, toReport) = await GradingAsync(app, accepted.Values.ToHashSet(), refused, deadline, ct);
        var routes = latencies.ToDictionary(r => r.Key, r => Figures(r.Value.ToList(), errors.GetValueOrDefault(r.Key)));
        var (unavailable, longest) = Outages([.. outcomes]);
        return new ExamLoadResult(students.Count, routes, accepted.Count, late, rescued, lost + refused.Count - rescued, doubled, gradedWithin, toGraded, toReport,
            unavailable, longest, faults);
    }

    /// <summary>Spans in which requests only failed, each from a failure to the next success: their sum and the longest.</summary>
    private static (double Sum, double Longest) Outages(List<(DateTimeOffset At, bool Ok)> all)
    {
        all.Sort((a, b) => a.At.CompareTo(b.At));
        double sum = 0, longest = 0;
        DateTimeOffset? since = null;
        foreach (var (at, ok) in all)
        {
            if (!ok) since ??= at;
            else if (since is { } start)
            {
                var span = (at - start).TotalSeconds;
                sum += span;
                longest = Math.Max(longest, span);
                since = null;
            }
        }
        return (sum, longest);
    }

    private async Task<long?> StudentAsync(HttpClient http, Student student, DateTimeOffset started, double open, double submit, bool twice, bool late,
        DateTimeOffset deadline, CancellationToken ct)
    {
        var exam = $"/api/v1/courses/{Course}/exams/{ExamId}";
        await Until(started.AddSeconds(open), ct);
        await Send(http, student, HttpMethod.Get, $"/api/v1/courses/{Course}/exams", null, "GET exams", ct);
        await Send(http, student, HttpMethod.Get, exam + "/variant", null, "GET variant", ct);
        // Answers appear part by part as the exam goes on; each save follows a few parse requests for what was just typed.
        var parts = student.Answers.SelectMany(p => ((JsonObject)p.Value!).Select(x => (Problem: p.Key, Part: x.Key, Answer: x.Value))).ToList();
        var draft = new JsonObject();
        var submitAt = late ? deadline.AddSeconds(5) : started.AddSeconds(submit);
        var next = DateTimeOffset.UtcNow.AddSeconds(30);
        var typed = 0;
        // Drafts are saved while the exam is open; a late student's last save is before the deadline.
        while (next < submitAt && next < deadline)
        {
            await Until(next, ct);
            var due = (int)Math.Ceiling(parts.Count * (next - started).TotalSeconds / (submitAt - started).TotalSeconds);
            for (; typed < Math.Min(due, parts.Count); typed++)
            {
                var (problem, part, answer) = parts[typed];
                if (typed % 3 == 0)
                    await Send(http, student, HttpMethod.Post, exam + "/parse", new JsonObject { ["problem"] = problem, ["part"] = part, ["answer"] = answer?.DeepClone() }, "POST parse", ct);
                ((draft[problem] ??= new JsonObject()) as JsonObject)![part] = answer?.DeepClone();
            }
            await Send(http, student, HttpMethod.Put, exam + "/draft", new JsonObject { ["answers"] = draft.DeepClone() }, "PUT draft", ct);
            next = next.AddSeconds(30);
        }
        await Until(submitAt, ct);
        var key = $"bench-{student.Login}";
        long? id = null;
        for (var i = 0; i < (twice ? 2 : 1); i++)
        {
            // A failed send is retried with the same key, as a browser would: the key makes it one submission.
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var (status, body) = await Send(http, student, HttpMethod.Post, exam + "/submissions", new JsonObject { ["answers"] = student.Answers.DeepClone() },
                    "POST submissions", ct, key, expected: late ? HttpStatusCode.Conflict : null);
                if (status is HttpStatusCode.Accepted or HttpStatusCode.OK) id = body?["id"]?.GetValue<long>();
                if (status is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Conflict) break;
                await Task.Delay(TimeSpan.FromSeconds(1 + attempt), ct);
            }
        }
        return id;
    }

    private async Task<(HttpStatusCode? Status, JsonNode? Body)> Send(HttpClient http, Student student, HttpMethod method, string path, JsonObject? body,
        string route, CancellationToken ct, string? idempotencyKey = null, HttpStatusCode? expected = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            latencies.GetOrAdd(route, _ => []).Add(clock.Elapsed.TotalMilliseconds);
            var ok = response.IsSuccessStatusCode || response.StatusCode == expected;
            outcomes.Add((DateTimeOffset.UtcNow, ok));
            if (!ok)
            {
                if (errors.IsEmpty || errors.Values.Sum() < 5) options.Say($"{route} {student.Login}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                errors.AddOrUpdate(route, 1, (_, n) => n + 1);
            }
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Refused, reset or past the client's 30 s: an error of that route, and the student goes on.
            latencies.GetOrAdd(route, _ => []).Add(clock.Elapsed.TotalMilliseconds);
            errors.AddOrUpdate(route, 1, (_, n) => n + 1);
            outcomes.Add((DateTimeOffset.UtcNow, false));
            return (null, null);
        }
    }

    private async Task InjectFaultsAsync(List<Process> workers, ManagedPostgres server, string connection, DateTimeOffset deadline, Action<string> said, CancellationToken ct)
    {
        await Until(deadline.AddSeconds(-75), ct);
        var victim = workers[0];
        var killed = victim.Id;
        victim.Kill();
        options.Say($"fault: worker process {killed} killed with SIGKILL");
        // Its supervisor (systemd, Kubernetes) starts another a few seconds later; the killed one's job comes back by itself.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        workers[0] = StartWorker(connection, 0);
        victim.Dispose();
        await Until(deadline.AddSeconds(-40), ct);
        var clock = Stopwatch.StartNew();
        await Task.Run(server.Restart, ct);
        options.Say($"fault: PostgreSQL restarted ({clock.Elapsed.TotalSeconds:0.0} s)");
        said($"worker {killed} killed at deadline - 75 s (another started 5 s later); PostgreSQL restarted at deadline - 40 s ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    private async Task<(int Lost, int Rescued, int Doubled, double GradedWithin, (double, double, double) ToGraded, (double, double, double) ToReport)> GradingAsync(
        WebApplication app, HashSet<long> accepted, HashSet<string> refused, DateTimeOffset deadline, CancellationToken ct)
    {
        var dbs = app.Services.GetRequiredService<IDbContextFactory<AutograderDb>>();
        var limit = DateTimeOffset.UtcNow.AddMinutes(10);
        List<Submission> rows;
        List<Submission> drafts;
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            rows = await db.Submissions.AsNoTracking().Where(s => accepted.Contains(s.Id)).ToListAsync(ct);
            drafts = await db.Submissions.AsNoTracking().Where(s => refused.Contains(s.Person!.Login) && s.IdempotencyKey.StartsWith(AutoSubmitSweep.KeyPrefix))
                .ToListAsync(ct);
            static bool Done(Submission s) => s.State == SubmissionState.Reported || s.State == SubmissionState.Failed;
            // The sweep hands in those drafts within seconds of the deadline; a minute after it, what is missing stays missing.
            var draftsIn = drafts.Count == refused.Count || DateTimeOffset.UtcNow > deadline.AddMinutes(1);
            if (rows.All(Done) && drafts.All(Done) && draftsIn || DateTimeOffset.UtcNow > limit) break;
            await Task.Delay(500, ct);
        }
        await using var check = await dbs.CreateDbContextAsync(ct);
        var ids = accepted.Concat(drafts.Select(d => d.Id)).ToHashSet();
        var doubled = await check.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded" && ids.Contains(r.SubjectId))
            .GroupBy(r => r.SubjectId).CountAsync(g => g.Count() > 1, ct);
        var rescued = drafts.Count(d => d.GradedAt is not null);
        rows = [.. rows, .. drafts];
        var graded = rows.Where(s => s.GradedAt is not null).ToList();
        var lost = accepted.Count - (graded.Count - rescued);
        var within = graded.Count == 0 ? 0 : Math.Max(0, (graded.Max(s => s.GradedAt!.Value) - deadline).TotalSeconds);
        return (lost, rescued, doubled, within, Spread(graded.Select(s => (s.GradedAt!.Value - s.SubmittedAt).TotalSeconds)),
            Spread(rows.Where(s => s.ReportedAt is not null).Select(s => (s.ReportedAt!.Value - s.SubmittedAt).TotalSeconds)));
    }

    private static (double, double, double) Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? (0, 0, 0) : (Percentile(sorted, 50), Percentile(sorted, 95), sorted[^1]);
    }

    private static RouteFigures Figures(List<double> ms, int errors)
    {
        ms.Sort();
        return new RouteFigures(ms.Count, Percentile(ms, 50), Percentile(ms, 95), Percentile(ms, 99), errors);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task Until(DateTimeOffset at, CancellationToken ct)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
    }
}
