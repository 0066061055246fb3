using Autograder.Data.Model;
using Autograder.Jobs.Sittings;
using Autograder.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autograder.Jobs.Tests.Sittings;

/// <summary>The auto-submit sweep on a real database: each student's own deadline, once, and one host at a time.</summary>
// Alone: Hangfire's log provider is process-wide, and a runtime disposed beside another's job creation breaks it.
[Collection(nameof(Faults.WorkerFaultTests))]
public sealed class AutoSubmitSweepTests
{
    [Fact]
    public async Task Sweep_SubmitsTheDraftOnce_OfEverySittingPastItsOwnDeadline()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 5);
        var now = DateTimeOffset.UtcNow;
        var draft = await scenario.AnswersAsync("s001", seed: 1);
        await using (var db = scenario.Db())
        {
            var exam = await db.Exams.SingleAsync(e => e.Id == scenario.Exam.Id);
            exam.TimeLimitMinutes = 60;
            exam.ClosesAt = now.AddDays(1);
            var people = await db.People.ToDictionaryAsync(p => p.Login, p => p.Id);
            db.Sittings.AddRange(
                new ExamSitting { ExamId = exam.Id, PersonId = people["s001"], FirstOpenedAt = now.AddMinutes(-61), Draft = draft },
                // Half as much time again: 90 minutes, 29 of them still to go.
                new ExamSitting { ExamId = exam.Id, PersonId = people["s002"], FirstOpenedAt = now.AddMinutes(-61), ExtraTimePercent = 50 },
                new ExamSitting { ExamId = exam.Id, PersonId = people["s003"], FirstOpenedAt = now.AddMinutes(-61) },
                // A window of their own that closed a minute ago, well inside the time limit.
                new ExamSitting { ExamId = exam.Id, PersonId = people["s004"], FirstOpenedAt = now.AddMinutes(-5), ClosesAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }
        // s003 submitted themselves; s005 never opened the exam.
        await scenario.SubmitAsync("s003", seed: 3);
        var sweep = scenario.Runtime.Get<AutoSubmitSweep>();

        var first = await sweep.SweepAsync(now, default);
        var again = await sweep.SweepAsync(now, default);

        Assert.Equal(new SweepOutcome(2, 0), first);
        Assert.Equal(new SweepOutcome(0, 0), again);
        await using (var db = scenario.Db())
        {
            var auto = await db.Submissions.Include(s => s.Person).Where(s => s.IdempotencyKey.StartsWith(AutoSubmitSweep.KeyPrefix))
                .OrderBy(s => s.Person!.Login).ToListAsync();
            Assert.Equal(["s001", "s004"], auto.Select(s => s.Person!.Login));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(draft, auto[0].Answers), auto[0].Answers.ToJsonString());
            Assert.All(auto, s => Assert.Equal(SubmissionState.Queued, s.State));
            Assert.Equal(1, await db.Submissions.CountAsync(s => s.Person!.Login == "s003"));
        }

        // Half an hour later s002's extra time has run out too.
        Assert.Equal(new SweepOutcome(1, 0), await sweep.SweepAsync(now.AddMinutes(30), default));
        await using var check = scenario.Db();
        Assert.Equal(["s001", "s002", "s004"], await check.Submissions.Where(s => s.IdempotencyKey.StartsWith(AutoSubmitSweep.KeyPrefix))
            .Select(s => s.Person!.Login).OrderBy(l => l).ToListAsync());
    }

    [Fact]
    public async Task Sweep_LeavesThePass_ToTheHostThatHoldsIt()
    {
        await using var scenario = await CourseScenario.StartAsync(students: 1);
        var now = DateTimeOffset.UtcNow;
        await using (var db = scenario.Db())
        {
            var person = await db.People.SingleAsync(p => p.Login == "s001");
            db.Sittings.Add(new ExamSitting { ExamId = scenario.Exam.Id, PersonId = person.Id, FirstOpenedAt = now.AddMinutes(-10), ClosesAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }
        var sweep = scenario.Runtime.Get<AutoSubmitSweep>();
        await using (var other = new NpgsqlConnection(scenario.ConnectionString))
        {
            await other.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AutoSubmitSweep.LockKey})", other)) await take.ExecuteNonQueryAsync();
            Assert.Equal(new SweepOutcome(0, 0), await sweep.SweepAsync(now, default));
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AutoSubmitSweep.LockKey})", other);
            await release.ExecuteNonQueryAsync();
        }
        // The other host is done.
        Assert.Equal(new SweepOutcome(1, 0), await sweep.SweepAsync(now, default));
    }
}
