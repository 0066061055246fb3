using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Tests.Support;
using Autograder.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Faults;

/// <summary>
/// One web process and three worker processes that share nothing but PostgreSQL; students submit over HTTP with their
/// own access tokens, and one worker is killed with SIGKILL mid-run.
/// </summary>
[Collection(nameof(WorkerFaultTests))]
public sealed class ScaleOutTests
{
    [Fact]
    public async Task WebAndThreeWorkers_OneKilledMidRun_EverySubmissionSentOverHttpIsGradedExactlyOnce()
    {
        const int Submissions = 30;
        await using var scenario = await CourseScenario.StartAsync(students: Submissions);
        var delay = TimeSpan.FromMilliseconds(300);
        var invisibility = TimeSpan.FromSeconds(5);
        using var web = new WebProcess(scenario.ConnectionString);
        // One submission per job, so that every worker takes some and the doomed one dies holding one (a batch would take them all).
        var single = new Dictionary<string, string> { ["AUTOGRADER_Jobs__GradingBatchSize"] = "1" };
        using var first = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility, environment: single);
        using var second = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility, environment: single);
        using var doomed = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility, environment: single);
        var students = Enumerable.Range(1, Submissions).Select(i => $"s{i:000}").ToList();
        var tokens = await TokensAsync(scenario, students);

        using var http = new HttpClient { BaseAddress = await web.AddressAsync(TimeSpan.FromSeconds(60)), Timeout = TimeSpan.FromSeconds(30) };
        var sent = await Task.WhenAll(students.Select(async (login, i) =>
        {
            var (status, id) = await SubmitAsync(http, tokens[login], await scenario.AnswersAsync(login, seed: i + 1), key: $"{login}-final");
            Assert.True(status == HttpStatusCode.Accepted, $"{login}: {status}\n{web.Output}");
            return id;
        }));
        // The same key again is the same submission, answered 200, and queues nothing.
        var again = await SubmitAsync(http, tokens[students[0]], await scenario.AnswersAsync(students[0], seed: 1), key: $"{students[0]}-final");
        Assert.Equal((HttpStatusCode.OK, sent[0]), again);

        // Killed while it holds a job it has not finished.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = scenario.Db())
                if (await db.JobRuns.AnyAsync(r => r.Worker == doomed.Name && r.FinishedAt == null)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the third worker never started a job: " + doomed.Output);
            await Task.Delay(50);
        }
        doomed.KillHard();

        await scenario.WaitAllGradedAsync(sent.Length, TimeSpan.FromSeconds(90));
        await using var check = scenario.Db();
        Assert.Equal(Submissions, await check.Submissions.CountAsync(s => s.ExamId == scenario.Exam.Id));
        var results = await check.Results.Where(r => sent.Contains(r.SubmissionId)).GroupBy(r => r.SubmissionId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(sent.Length, results.Count);
        Assert.All(results, n => Assert.Equal(1, n));
        var graded = await check.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded").GroupBy(r => r.SubjectId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(sent.Length, graded.Count);
        Assert.All(graded, n => Assert.Equal(1, n));
        var workers = await check.JobRuns.Where(r => r.Outcome == "graded").Select(r => r.Worker).Distinct().ToListAsync();
        Assert.Contains(first.Name, workers);
        Assert.Contains(second.Name, workers);
        // The web process queues jobs and runs none.
        Assert.DoesNotContain(workers, w => w!.EndsWith($":{web.Id}", StringComparison.Ordinal));
        Assert.False(await check.Submissions.AnyAsync(s => s.State == SubmissionState.Failed));
        Assert.True(await check.JobRuns.AnyAsync(r => r.Worker == doomed.Name && r.FinishedAt == null), "the killed worker left no unfinished run");
    }

    /// <summary>A personal access token per student: the first from the operator command while the service runs, the rest the same way in this process.</summary>
    private static async Task<Dictionary<string, string>> TokensAsync(CourseScenario scenario, IReadOnlyList<string> students)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "autograder.dll"), "--bank", ProblemBank.Locate(), "token", "create", "--login", students[0], "--name", "scale" })
            info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__Default"] = scenario.ConnectionString;
        using var command = Process.Start(info)!;
        var stdout = command.StandardOutput.ReadToEndAsync();
        var stderr = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(command.ExitCode == 0, $"token create: exit {command.ExitCode}\n{await stderr}");
        var tokens = new Dictionary<string, string> { [students[0]] = Assert.Single((await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim() };
        await using var db = scenario.Db();
        foreach (var login in students.Skip(1)) tokens[login] = await AccessTokens.CreateAsync(db, login, "scale", null, default);
        return tokens;
    }

    private static async Task<(HttpStatusCode Status, long Id)> SubmitAsync(HttpClient http, string token, JsonObject answers, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{CourseScenario.Course}/exams/{CourseScenario.ExamId}/submissions")
        {
            Content = JsonContent.Create(new JsonObject { ["answers"] = answers }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return (response.StatusCode, JsonNode.Parse(body)!["id"]!.GetValue<long>());
    }
}
