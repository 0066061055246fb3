using System.Text.Json.Nodes;
using Autograder.Reports.Tests.Support;

namespace Autograder.Reports.Tests.Commands;

public sealed class ReportCommandsTests
{
    private static void AssertBadInput(CliRun run, string field)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"error: {field}", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_GradesTheAnswers_AndWritesTheirPdf()
    {
        using var dir = new TempDir();
        var answers = Fixtures.Answers(Fixtures.Midterm, "s00301", style: 11);
        File.WriteAllText(dir["answers.json"], answers.ToJsonString());
        var expected = Fixtures.Grade(Fixtures.Midterm, "s00301", style: 11);

        var run = AutograderCli.Run("report", "--exam", "sp23-midterm", "--seed", "2026", "--student", "s00301", "--answers", "@" + dir["answers.json"],
            "-o", dir["out/report.pdf"], "--course", "DNN Fall 2026", "--release-reference");

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = PageChecks.Squash(new Pdf(File.ReadAllBytes(dir["out/report.pdf"])).Text);
        Assert.Contains(PageChecks.Squash($"{expected.Score:0.##} / {expected.Max:0.##} points"), text, StringComparison.Ordinal);
        Assert.Contains("DNNFall2026", text, StringComparison.Ordinal);
        Assert.Contains("Reference", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FromAGradedResultFile_KeepsItsGradesAndOverrides()
    {
        using var dir = new TempDir();
        var result = Fixtures.Grade(Fixtures.Midterm, "s00302", style: 12) with
        {
            Overrides = [new Core.Grading.ScoreOverride("dilated-conv", "output", 0, 4, "prof.lee", Fixtures.Graded, "Regrade: the key had the padding wrong.")],
        };
        File.WriteAllText(dir["result.json"], result.ToJson().ToJsonString());

        var run = AutograderCli.Run("report", "--result", "@" + dir["result.json"], "-o", dir["report.pdf"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Regrade:thekeyhadthepaddingwrong.", PageChecks.Squash(new Pdf(File.ReadAllBytes(dir["report.pdf"])).Text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output", "report", "--exam", "sp23-midterm", "--canonical", "--answers", "{}")]
    [InlineData("--seed", "report", "--exam", "sp23-midterm", "--answers", "{}", "-o", "x.pdf")]
    [InlineData("--student", "report", "--exam", "sp23-midterm", "--seed", "1", "--answers", "{}", "-o", "x.pdf")]
    [InlineData("--answers", "report", "--exam", "sp23-midterm", "--canonical", "--answers", "[1]", "-o", "x.pdf")]
    [InlineData("answers.nope", "report", "--exam", "sp23-midterm", "--canonical", "--answers", "{\"nope\": {}}", "-o", "x.pdf")]
    [InlineData("exam-id", "report", "--exam", "no-such-exam", "--canonical", "--answers", "{}", "-o", "x.pdf")]
    [InlineData("--result", "report", "--result", "{\"exam\": 3}", "-o", "x.pdf")]
    public void Report_RefusesBadInput_WithOneLineNamingTheField(string field, params string[] args) => AssertBadInput(AutograderCli.Run(args), field);

    [Fact]
    public void Summary_ReadsAFolderOfResults_AndWritesThePdf()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["results"]);
        foreach (var r in ClassResults.Sp23.Take(12)) File.WriteAllText(dir[$"results/{r.StudentId}.json"], r.ToJson().ToJsonString());

        var run = AutograderCli.Run("summary", "--results", dir["results"], "-o", dir["summary.pdf"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = PageChecks.Squash(new Pdf(File.ReadAllBytes(dir["summary.pdf"])).Text);
        Assert.Contains("Submissions12", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_RefusesAFolderWithABrokenResult_NamingTheFileAndField()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["results"]);
        var json = ClassResults.Sp23[0].ToJson();
        json.Remove("score");
        File.WriteAllText(dir["results/broken.json"], json.ToJsonString());

        AssertBadInput(AutograderCli.Run("summary", "--results", dir["results"], "-o", dir["summary.pdf"]), "--results: broken.json: score");
        AssertBadInput(AutograderCli.Run("summary", "--results", dir["missing"], "-o", dir["summary.pdf"]), "--results");
        AssertBadInput(AutograderCli.Run("summary", "--results", dir["results"]), "--output");
    }

    [Fact]
    public void ExamPapers_WritesAPaperAndAKeyPerStudent()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["roster.csv"], "id,name,email\ns00401,Ada Lovelace,ada@example.edu\ns00402,Alan Turing,alan@example.edu\n");

        var run = AutograderCli.Run("exam", "papers", "sp23-midterm", "--roster", dir["roster.csv"], "--seed", "2026", "--out", dir["papers"], "--tex-only");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var id in new[] { "s00401", "s00402" })
        {
            Assert.Contains("\\begin{document}", File.ReadAllText(dir[$"papers/{id}.tex"]), StringComparison.Ordinal);
            Assert.Contains("Answer key", File.ReadAllText(dir[$"papers/{id}-key.tex"]), StringComparison.Ordinal);
        }
        AssertBadInput(AutograderCli.Run("exam", "papers", "sp23-midterm", "--roster", dir["none.csv"], "--seed", "2026", "--out", dir["papers"]), "--roster");
    }
}
