using Autograder.Reports.StudentReports;
using Autograder.Reports.Tests.Support;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;

namespace Autograder.Reports.Tests.StudentReports;

public sealed class StudentReportTests
{
    private static readonly StudentReportOptions Released = new() { Course = "Deep Neural Networks, Fall 2026", ReleaseReference = true, CreatedAt = Fixtures.Created };

    private static string Points(double x) => Math.Round(x, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Render_ShowsEveryAnswerScoreFeedbackAndTheTotal_WhenReadBack()
    {
        var result = Fixtures.Grade(Fixtures.Midterm, "s00017", style: 5, name: "Grace Hopper");
        var pdf = new Pdf(StudentReport.Render(result, Released));
        var text = PageChecks.Squash(pdf.Text);

        Assert.Contains(PageChecks.Squash($"{Points(result.Score)} / {Points(result.Max)} points"), text, StringComparison.Ordinal);
        Assert.Contains("GraceHopper(s00017)", text, StringComparison.Ordinal);
        Assert.Contains("Deep Neural Networks, Fall 2026".Replace(" ", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.Contains("seed2026", text, StringComparison.Ordinal);
        foreach (var problem in result.Problems)
        {
            Assert.Contains(PageChecks.Squash($"{problem.Title} · {Points(problem.Score)} / {Points(problem.Max)} points"), text, StringComparison.Ordinal);
            foreach (var part in problem.Parts)
            {
                Assert.Contains(PageChecks.Squash($"Part {part.PartId} · {Points(part.Score)} / {Points(part.Max)}"), text, StringComparison.Ordinal);
                Assert.Contains(PageChecks.Squash(part.Feedback), text, StringComparison.Ordinal);
                if (part.Rule is { } rule) Assert.Contains($"[rule:{rule}]", text, StringComparison.Ordinal);
                // Formulas are typeset (raised exponents, stacked fractions), so only plain answers are compared as text.
                if (part.Answer is { } answer && part.Type is not ("formula" or "complexity"))
                    Assert.Contains(PageChecks.Squash(answer), text, StringComparison.Ordinal);
                if (part.Reference is { } reference && part.Type is not ("formula" or "complexity"))
                    Assert.Contains(PageChecks.Squash(reference), text, StringComparison.Ordinal);
            }
        }
        Assert.Contains(StudentReport.DataHash(result), text, StringComparison.Ordinal);
        Assert.Contains(result.GraderVersion, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsWhatWasTypedNextToTheMessage_WhenAnAnswerCannotBeRead()
    {
        var answers = Fixtures.Answers(Fixtures.Midterm, "s00021", style: 3);
        answers["weight-decay-equivalence"]!["gamma"] = @"\eta \cdot \lambda_{";
        var result = ReferenceGrading.ExamGrader.Grade(Fixtures.Bank, Fixtures.Midterm, Fixtures.Seed, "s00021", answers, gradedAt: Fixtures.Graded);
        var gamma = result.Problems.Single(p => p.ProblemId == "weight-decay-equivalence").Parts.Single(p => p.PartId == "gamma");
        Assert.True(gamma.FormatError);
        Assert.Equal(@"\eta \cdot \lambda_{", gamma.Answer);

        var text = PageChecks.Squash(new Pdf(StudentReport.Render(result, Released)).Text);

        Assert.Contains(PageChecks.Squash(@"Your answer \eta \cdot \lambda_{ (as typed)"), text, StringComparison.Ordinal);
        Assert.Contains(PageChecks.Squash("Could not read this answer: " + gamma.Feedback), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsTheReference_OnlyWhenTheExamReleasesIt()
    {
        var result = Fixtures.Grade(Fixtures.Midterm, "s00018", style: 6);
        var hidden = new Pdf(StudentReport.Render(result, Released with { ReleaseReference = false }));
        var shown = new Pdf(StudentReport.Render(result, Released));

        Assert.DoesNotContain("Reference", hidden.Text, StringComparison.Ordinal);
        Assert.Contains("Reference", shown.Text, StringComparison.Ordinal);
        var wrong = result.Problems.SelectMany(p => p.Parts).First(p => p is { Reference: not null, Answer: not null, FormatError: false } && p.Score < p.Max && p.Type is "shape" or "vector" or "number" or "integer");
        Assert.DoesNotContain(PageChecks.Squash(wrong.Reference!), PageChecks.Squash(hidden.Text).Replace(PageChecks.Squash(wrong.Answer!), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OfALongExam_FlowsOverPages_WithNothingCutOffOrOverlapping()
    {
        var result = Fixtures.Grade(Fixtures.LongExam, "s00019", style: 7, name: "Alan Turing");
        var bytes = StudentReport.Render(result, Released);
        var pdf = new Pdf(bytes);

        Assert.True(pdf.Pages >= 10, $"{pdf.Pages} pages");
        // Code answers are shown as code blocks, line for line.
        var code = result.Problems.SelectMany(p => p.Parts).Where(p => p is { Type: "code", Answer: not null }).ToList();
        Assert.NotEmpty(code);
        Assert.All(code, p => Assert.Contains(PageChecks.Squash(p.Answer!), PageChecks.Squash(pdf.Text), StringComparison.Ordinal));
        PageChecks.WordsInsideMargins(pdf);
        PageChecks.NoOverlappingWords(pdf);
        using var dir = new TempDir();
        var ink = PageChecks.InkPerPage(bytes, dir.Path);
        Assert.Equal(pdf.Pages, ink.Count);
        for (var p = 0; p < ink.Count; p++) Assert.True(ink[p] > 0.005, $"page {p + 1} is blank ({ink[p]:P2} ink)");
    }

    [Fact]
    public void Render_IsByteForByteTheSame_ApartFromTheCreationDate()
    {
        var result = Fixtures.Grade(Fixtures.Midterm, "s00020", style: 8);
        var first = StudentReport.Render(result, Released);
        var again = StudentReport.Render(result, Released);
        var later = StudentReport.Render(result, Released with { CreatedAt = Fixtures.Created.AddDays(3).AddHours(5) });

        Assert.Equal(first, again);
        Assert.Equal(first.Length, later.Length);
        // Every differing byte lies inside a PDF date string "(D:...)".
        var text = System.Text.Encoding.Latin1.GetString(first);
        var dates = System.Text.RegularExpressions.Regex.Matches(text, @"\(D:[^)]*\)").Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        Assert.NotEmpty(dates);
        var differing = Enumerable.Range(0, first.Length).Where(i => first[i] != later[i]).ToList();
        Assert.NotEmpty(differing);
        Assert.All(differing, i => Assert.Contains(dates, d => i >= d.Index && i < d.End));
    }

    [Fact]
    public void Render_ShowsTaGradesOverridesCodeTestsAndRegradeRequests()
    {
        var graded = Fixtures.Grade(Fixtures.Midterm, "s00021", style: 9);
        var manualProblem = graded.Problems.First(p => p.Parts.Any(x => x.PendingManual && x.Rubric.Count >= 2));
        var manualPart = manualProblem.Parts.First(x => x.PendingManual && x.Rubric.Count >= 2);
        var codeProblem = graded.Problems.First(p => p.ProblemId != manualProblem.ProblemId);
        var codePart = codeProblem.Parts[0];
        var at = Fixtures.Graded.AddDays(1);
        // What a TA does after grading: a rubric grade, an override; and what the code sandbox records per test.
        var result = graded with
        {
            Problems = [.. graded.Problems.Select(p => p.ProblemId == manualProblem.ProblemId
                ? p with { Parts = [.. p.Parts.Select(x => x.PartId == manualPart.PartId ? x with { Manual = new ManualGrade([x.Rubric[0].Id], x.Rubric[0].Points, "Clear derivation of the first step.", "ta.kim", at), Pending = PartPending.None } : x)] }
                : p.ProblemId == codeProblem.ProblemId
                    ? p with { Parts = [.. p.Parts.Select(x => x.PartId == codePart.PartId ? x with { Tests = [new CodeTestOutcome("shape_of_output", "passed", null, 1, 1), new CodeTestOutcome("handles_padding", "failed", "expected 15, got 16", 0, 1)] } : x)] }
                    : p)],
            Overrides = [new ScoreOverride(codeProblem.ProblemId, codePart.PartId, codePart.Score, codePart.Max, "prof.lee", at, "Accepted the transposed layout after the regrade request.")],
        };
        var request = new RegradeRequest(result.StudentId, manualProblem.ProblemId, manualPart.PartId, "Please look at my second step again.", at);
        var text = PageChecks.Squash(new Pdf(StudentReport.Render(result, Released with { RegradeRequests = [request] })).Text);

        Assert.Contains("✓", text, StringComparison.Ordinal);
        // Text is read back line by line across the table, so only the start of a wrapped rubric item is contiguous.
        Assert.Contains(PageChecks.Squash(string.Join(" ", manualPart.Rubric[0].Text.Split(' ').Take(5))), text, StringComparison.Ordinal);
        Assert.Contains("Clearderivationofthefirststep.", text, StringComparison.Ordinal);
        Assert.Contains("ta.kim", text, StringComparison.Ordinal);
        Assert.Contains("shape_of_output", text, StringComparison.Ordinal);
        Assert.Contains("handles_paddingfailed", text, StringComparison.Ordinal);
        Assert.Contains("expected15,got16", text, StringComparison.Ordinal);
        Assert.Contains("Acceptedthetransposedlayoutaftertheregraderequest.", text, StringComparison.Ordinal);
        Assert.Contains("prof.lee", text, StringComparison.Ordinal);
        Assert.Contains("Pleaselookatmysecondstepagain.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FromSeveralThreadsAtOnce_GivesTheSameBytesAsOneAtATime()
    {
        var results = Enumerable.Range(0, 4).Select(i => Fixtures.Grade(Fixtures.Midterm, $"s0003{i}", style: 30 + i)).ToList();
        var alone = results.Select(r => StudentReport.Render(r, Released)).ToList();
        var together = new byte[results.Count][];
        Parallel.For(0, results.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = StudentReport.Render(results[i], Released));
        for (var i = 0; i < results.Count; i++) Assert.Equal(alone[i], together[i]);
    }

    [Fact]
    public void DataHash_ChangesWithTheGradedData()
    {
        var result = Fixtures.Grade(Fixtures.Midterm, "s00022", style: 2);
        Assert.Equal(StudentReport.DataHash(result), StudentReport.DataHash(ExamResult.FromJson(result.ToJson())));
        Assert.NotEqual(StudentReport.DataHash(result), StudentReport.DataHash(result with { Score = result.Score + 1 }));
    }

    [Fact]
    public void Render_ALateSubmission_SaysHowLateAndThePenalty_NextToTheRawTotal()
    {
        var result = Fixtures.Grade(Fixtures.Midterm, "s00017", style: 5, name: "Grace Hopper").WithLate(new LatePenalty(TimeSpan.FromHours(26), 20));
        var text = PageChecks.Squash(new Pdf(StudentReport.Render(result, Released)).Text);

        Assert.Contains(PageChecks.Squash($"late by 1 d 2 h: −20% of the total {Points(result.RawScore)}"), text, StringComparison.Ordinal);
        Assert.Contains(PageChecks.Squash($"{Points(result.Score)} / {Points(result.Max)} points"), text, StringComparison.Ordinal);
        Assert.Equal(ExamResult.Round(result.RawScore * 0.8), result.Score, 6);
    }
}
