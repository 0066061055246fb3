using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autograder.Data.Model;
using Autograder.Jobs.Demo;
using Autograder.Jobs.Submissions;
using Autograder.Jobs.Tests.Support;
using Autograder.Sandbox.Questions;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Telemetry;

/// <summary>A real worker process with its Prometheus listener: after it grades and reports, /metrics shows what happened.</summary>
[Collection(nameof(Faults.WorkerFaultTests))]
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_ShowQueuesJobsLatencyVerdictsWarningsAndRenderTime_AfterAWorkerGradesSubmissions()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 2);
        var port = FreePort();
        using var worker = new WorkerProcess(scenario.ConnectionString, workers: 2, gradingDelay: TimeSpan.Zero, TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string>
            {
                ["AUTOGRADER_Telemetry__MetricsPort"] = $"{port}",
                ["AUTOGRADER_Telemetry__JsonLogs"] = "true",
                ["AUTOGRADER_Logging__LogLevel__Default"] = "Information",
            });
        await scenario.SubmitAsync("s001", seed: 1);
        var reference = await File.ReadAllTextAsync(CodeQuestionLoader.Load(scenario.Bank.Root, DemoRunner.CodeQuestion).ReferenceFile!);
        await scenario.Runtime.Get<SubmissionService>().SubmitAsync(
            new SubmitRequest(CourseScenario.Course, CourseScenario.ExamId, "s002", [], "code") { Code = reference, CodeProblemId = DemoRunner.CodeQuestion }, default);
        await WaitReportedAsync(scenario, 2, worker);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        foreach (var queue in Autograder.Jobs.Hosting.Queues.All)
            Assert.Matches($"autograder_queue_length\\{{[^}}]*queue=\"{queue}\"[^}}]*state=\"waiting\"[^}}]*\\}} 0", text);
        Assert.Equal(1, Sample(text, "autograder_job_duration_seconds_count", "kind=\"grade\"", "queue=\"default\"", "outcome=\"succeeded\""));
        Assert.Equal(1, Sample(text, "autograder_job_duration_seconds_count", "kind=\"grade\"", "queue=\"sandbox\""));
        Assert.Equal(2, Sample(text, "autograder_job_duration_seconds_count", "kind=\"report\""));
        Assert.Equal(2, Sample(text, "autograder_submission_latency_seconds_count"));
        Assert.True(Sample(text, "autograder_sandbox_verdicts_total", "verdict=\"passed\"") >= 1, text);
        // One graded code submission: each layer this machine lacks counted once (zero here when every layer works).
        using (var sandbox = new Sandbox.Grading.CodeGrader())
            Assert.Equal(sandbox.Warnings.Count, Sample(text, "autograder_sandbox_isolation_warnings_total"));
        Assert.Equal(2, Sample(text, "autograder_report_render_duration_seconds_count"));
        // Npgsql's own instruments arrive through the same endpoint.
        Assert.Contains("db_client_", text, StringComparison.Ordinal);

        // With JSON logs on, each log line is one JSON object naming its category.
        var logs = worker.Output.Split('\n').Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("Category", out _), l));
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels contain all of <paramref name="labels"/>.</summary>
    private static double Sample(string text, string name, params string[] labels)
    {
        var matches = text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal))).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} samples of {name} with {string.Join(", ", labels)}:\n{text}");
        return double.Parse(Value().Match(matches[0]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}?\s(\S+)(\s\d+)?$")]
    private static partial Regex Value();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReportedAsync(CourseScenario scenario, int expected, WorkerProcess worker)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var db = scenario.Db())
                if (await db.Submissions.CountAsync(s => s.ExamId == scenario.Exam.Id && s.State == SubmissionState.Reported) >= expected) return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), "not reported in time: " + worker.Output);
            await Task.Delay(200);
        }
    }
}
