using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Reports.StudentReports;
using Autograder.Reports.Summaries;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Variants;
using BenchmarkDotNet.Attributes;

namespace Autograder.Benchmarks;

/// <summary>
/// PDF rendering on one core (issue goals: at least 100 three-page student reports per second; the course summary
/// of 1,000 students in under 5 s). The results are graded once in the setup; only rendering is measured.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 10)]
[MemoryDiagnoser]
public class ReportBenchmarks
{
    public const int Students = 1_000;

    private ExamResult _threePages = null!;
    private IReadOnlyList<ExamResult> _class = [];
    private readonly StudentReportOptions _options = new() { ReleaseReference = true, CreatedAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero) };

    [GlobalSetup]
    public void Setup()
    {
        var bank = BenchmarkInputs.LoadBank();
        var exam = bank.Exam("sp23-midterm");
        var gradedAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var roster = BenchmarkInputs.Roster(Students);
        _class = [.. roster.Select((s, i) => ReferenceGrading.ExamGrader.Grade(bank, exam, BenchmarkInputs.ExamSeed, s.Id, Answers(bank, exam, s.Id, roster[(i + 1) % roster.Count].Id, i), gradedAt: gradedAt) with { StudentName = s.Name })];
        // The first problems of the midterm, as many as make a three-page report.
        var pages = 0;
        for (var n = 1; n <= exam.Problems.Count && pages < 3; n++)
        {
            var shorter = exam with { Problems = [.. exam.Problems.Take(n)] };
            _threePages = ReferenceGrading.ExamGrader.Grade(bank, shorter, BenchmarkInputs.ExamSeed, roster[0].Id, Answers(bank, shorter, roster[0].Id, roster[1].Id, 0), gradedAt: gradedAt);
            pages = Pages(StudentReport.Render(_threePages, _options));
        }
        Console.WriteLine($"// three-page report: {_threePages.Problems.Count} problems, {_threePages.Problems.Sum(p => p.Parts.Count)} parts, {pages} pages");
    }

    /// <summary>Every third part answered with another student's reference (wrong for this student), the rest right.</summary>
    private static JsonObject Answers(ProblemBank bank, ExamDefinition exam, string student, string other, int salt)
    {
        var answers = new JsonObject();
        foreach (var item in exam.Problems)
        {
            var problem = bank.Problem(item.ProblemId);
            var own = VariantFactory.Create(problem, BenchmarkInputs.ExamSeed, student);
            var theirs = VariantFactory.Create(problem, BenchmarkInputs.ExamSeed, other);
            var given = new JsonObject();
            for (var k = 0; k < problem.Parts.Count; k++)
            {
                var part = problem.Parts[k];
                if (part.Type is AnswerType.Manual or AnswerType.Code) continue;
                var reference = Grader.Reference(part, (k + salt) % 3 == 0 ? theirs : own).Value;
                given[part.Id] = reference?.DeepClone() ?? JsonValue.Create("empty");
            }
            answers[item.ProblemId] = given;
        }
        return answers;
    }

    private static int Pages(byte[] pdf) => System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;

    [Benchmark]
    public byte[] StudentReport_ThreePages() => StudentReport.Render(_threePages, _options);

    [Benchmark]
    public byte[] CourseSummary_1000Students() =>
        CourseSummary.Render(new CourseSummaryInput("Deep Neural Networks", _class[0].ExamTitle, _class) { CreatedAt = _options.CreatedAt });
}
