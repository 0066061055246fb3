using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Tests.Faults;

/// <summary>
/// Three worker processes that share nothing but PostgreSQL; one is killed mid-run. Submissions enter through the
/// submission service (what the web API calls), from this process.
/// </summary>
[Collection(nameof(WorkerFaultTests))]
public sealed class ScaleOutTests
{
    [Fact]
    public async Task ThreeWorkers_OneKilledMidRun_EverySubmissionIsGradedExactlyOnce()
    {
        const int Submissions = 30;
        await using var scenario = await CourseScenario.StartAsync(students: Submissions);
        var delay = TimeSpan.FromMilliseconds(300);
        var invisibility = TimeSpan.FromSeconds(5);
        using var first = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility);
        using var second = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility);
        using var doomed = new WorkerProcess(scenario.ConnectionString, workers: 2, delay, invisibility);
        var sent = new List<long>();
        for (var i = 1; i <= Submissions; i++) sent.Add((await scenario.SubmitAsync($"s{i:000}", seed: i)).SubmissionId);

        // Killed while it holds a job it has not finished.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var db = scenario.Db())
                if (await db.JobRuns.AnyAsync(r => r.Worker == doomed.Name && r.FinishedAt == null)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the third worker never started a job: " + doomed.Output);
            await Task.Delay(50);
        }
        doomed.KillHard();

        await scenario.WaitAllGradedAsync(sent.Count, TimeSpan.FromSeconds(120));
        await using var check = scenario.Db();
        var results = await check.Results.Where(r => sent.Contains(r.SubmissionId)).GroupBy(r => r.SubmissionId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(sent.Count, results.Count);
        Assert.All(results, n => Assert.Equal(1, n));
        var graded = await check.JobRuns.Where(r => r.Kind == GradeSubmissionJob.Kind && r.Outcome == "graded").GroupBy(r => r.SubjectId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(sent.Count, graded.Count);
        Assert.All(graded, n => Assert.Equal(1, n));
        var workers = await check.JobRuns.Where(r => r.Outcome == "graded").Select(r => r.Worker).Distinct().ToListAsync();
        Assert.Contains(first.Name, workers);
        Assert.Contains(second.Name, workers);
        Assert.False(await check.Submissions.AnyAsync(s => s.State == SubmissionState.Failed));
        Assert.True(await check.JobRuns.AnyAsync(r => r.Worker == doomed.Name && r.FinishedAt == null), "the killed worker left no unfinished run");
    }
}
