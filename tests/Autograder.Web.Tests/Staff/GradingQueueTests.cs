using Autograder.Data.Model;
using Autograder.Web.Staff;
using Autograder.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autograder.Web.Tests.Staff;

public sealed class GradingQueueTests(StaffFixture web) : IClassFixture<StaffFixture>
{
    private async Task<(GradingQueue Queue, Exam Exam, IServiceScope Scope)> QueueAsync()
    {
        var scope = web.Services.CreateScope();
        await using var db = web.Db();
        return (scope.ServiceProvider.GetRequiredService<GradingQueue>(), await db.Exams.SingleAsync(e => e.Id == web.Exam.Id), scope);
    }

    [Fact]
    public async Task Counts_ListEveryManualPart_AsWaitingForEachStudent()
    {
        var (queue, exam, scope) = await QueueAsync();
        using var _ = scope;
        var (submissions, parts) = await queue.CountsAsync(exam, default);
        Assert.Equal(3, submissions);
        var derivation = parts.Single(p => p.ProblemId == "weight-decay-equivalence" && p.PartId == "derivation");
        Assert.Equal(("manual", 3), (derivation.Type, derivation.Manual));
        var gamma = parts.Single(p => p.ProblemId == "weight-decay-equivalence" && p.PartId == "gamma");
        Assert.Equal(0, gamma.Manual);
        // Every manual part of the exam's bank problems is listed, and only those wait as manual.
        Assert.All(parts.Where(p => p.Manual > 0), p => Assert.Equal("manual", p.Type));
    }

    [Fact]
    public async Task Next_NeverHandsTheSameItemToTwoTas_EvenAtOnce()
    {
        var (queue, exam, scope) = await QueueAsync();
        using var _ = scope;
        // Four graders ask at the same moment for the three waiting items of one part: three distinct items, one gets none.
        string[] graders = ["ta1", "ta2", "prof", "ta3"];
        var asks = graders.Select(login => Task.Run(async () =>
        {
            using var own = web.Services.CreateScope();
            return await own.ServiceProvider.GetRequiredService<GradingQueue>()
                .NextAsync(exam.Id, "purifier-lambda-range", "justification", WorkKind.Manual, login, null, default);
        }));
        var got = await Task.WhenAll(asks);
        var handed = got.Where(g => g is not null).Select(g => g!.SubmissionId).ToList();
        Assert.Equal(3, handed.Count);
        Assert.Equal(3, handed.Distinct().Count());
        Assert.Single(got, g => g is null);
        // Asking again returns the item one already holds, not another's.
        var holder = Array.FindIndex(got, g => g is not null);
        var again = await queue.NextAsync(exam.Id, "purifier-lambda-range", "justification", WorkKind.Manual, graders[holder], null, default);
        Assert.Equal(got[holder]!.SubmissionId, again!.SubmissionId);
    }

    [Fact]
    public async Task Next_TakesOverAClaim_OnceItLapses()
    {
        var (queue, exam, scope) = await QueueAsync();
        using var _ = scope;
        var first = await queue.NextAsync(exam.Id, "purifier-svd-form", "derivation", WorkKind.Manual, "ta1", null, default);
        Assert.NotNull(first);
        await using (var db = web.Db())
            await db.GradingClaims.Where(c => c.SubmissionId == first.SubmissionId && c.PartId == "derivation" && c.ProblemId == "purifier-svd-form")
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.True(await queue.ClaimAsync(first with { }, "ta2", default));
        Assert.False(await queue.ClaimAsync(first, "ta1", default));
    }
}
