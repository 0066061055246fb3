using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Solvers.Simulation;
using Autograder.Core.Variants;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;
using BenchmarkDotNet.Attributes;

namespace Autograder.Benchmarks;

/// <summary>
/// Grading throughput on one core (issue goal: at least 50,000 parts per second). A submission is graded as a
/// regrade does it: the variant is solved again from its stored params, then the answers are graded. One
/// operation is one auto-graded part, so Mean is the time per part and the Parts/s column the throughput.
/// </summary>
// The long warmup is deliberate: on two cores tiered JIT and dynamic PGO take about 6 s of grading to reach full
// speed, and this measures that steady state; docs/benchmarks.md gives the rate of a fresh process too.
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 5)]
[MemoryDiagnoser]
[Config(typeof(PartsPerSecondConfig))]
public class GradingBenchmarks
{
    /// <summary>Auto-graded parts in the submission set; manual parts come along but are not counted.</summary>
    public const int Parts = 5_000;

    private Submission[] _submissions = [];

    /// <summary>Most parts right (half typed as text), some known mistakes (or a neighbour's answer), some unreadable, the rest blank.</summary>
    private static readonly AnswerMix Mix = new(Right: 0.75, Mistaken: 0.12, Other: 0, Unreadable: 0.08);

    private sealed record Submission(ProblemDefinition Problem, string StudentId, JsonObject Params, Variant Variant, JsonObject Answers);

    [GlobalSetup]
    public void Setup()
    {
        var bank = BenchmarkInputs.LoadBank();
        var problems = BenchmarkInputs.Problems(bank, bank.Problems.Count);
        var roster = BenchmarkInputs.Roster(Parts);
        var rng = new Random(20261126);
        var students = new StudentSimulator(bank);
        var submissions = new List<Submission>();
        var parts = 0;
        // Every problem in turn, a new student each time, until one more submission would pass the count ...
        for (var i = 0; parts + AutoParts(problems[i % problems.Count]) <= Parts; i++)
            parts += Add(problems[i % problems.Count], i);
        // ... then the smallest problems fill the rest exactly.
        foreach (var problem in problems.OrderByDescending(AutoParts))
        {
            while (AutoParts(problem) > 0 && parts + AutoParts(problem) <= Parts)
                parts += Add(problem, submissions.Count);
        }
        if (parts != Parts)
            throw new InvalidOperationException($"the bank's problems cannot make exactly {Parts} auto-graded parts (got {parts})");
        _submissions = [.. submissions];
        Console.WriteLine($"// {_submissions.Length} submissions, {Parts} auto-graded parts: {Describe()}");

        int Add(ProblemDefinition problem, int i)
        {
            var student = roster[i % roster.Count].Id;
            var variant = VariantFactory.Create(problem, BenchmarkInputs.ExamSeed, student);
            var neighbour = VariantFactory.Create(problem, BenchmarkInputs.ExamSeed, roster[(i + 1) % roster.Count].Id);
            submissions.Add(new Submission(problem, student, variant.Params, variant, students.ProblemAnswers(problem, variant, neighbour, Mix, rng)));
            return AutoParts(problem);
        }
    }

    /// <summary>The goal's measure: solve the variant from its params, then grade.</summary>
    [Benchmark(OperationsPerInvoke = Parts)]
    public double SolveAndGrade()
    {
        var score = 0.0;
        foreach (var s in _submissions)
        {
            var variant = VariantFactory.FromParams(s.Problem, s.Params, BenchmarkInputs.ExamSeed, s.StudentId);
            score += ReferenceGrading.Grader.Grade(s.Problem, variant, s.Answers).Score;
        }
        return score;
    }

    /// <summary>Grading alone, against variants solved beforehand.</summary>
    [Benchmark(OperationsPerInvoke = Parts)]
    public double GradeOnly()
    {
        var score = 0.0;
        foreach (var s in _submissions)
            score += ReferenceGrading.Grader.Grade(s.Problem, s.Variant, s.Answers).Score;
        return score;
    }

    /// <summary>Solving alone: reference answers and catalogued mistakes from the stored params.</summary>
    [Benchmark(OperationsPerInvoke = Parts)]
    public int SolveOnly()
    {
        var answers = 0;
        foreach (var s in _submissions)
            answers += VariantFactory.FromParams(s.Problem, s.Params, BenchmarkInputs.ExamSeed, s.StudentId).Answers.Count;
        return answers;
    }

    private static int AutoParts(ProblemDefinition problem) => problem.Parts.Count(p => p.Type != AnswerType.Manual);

    /// <summary>How the set's parts grade, so the mix is on record beside the figures.</summary>
    private string Describe()
    {
        var results = _submissions.SelectMany(s => ReferenceGrading.Grader.Grade(s.Problem, s.Variant, s.Answers).Parts).Where(p => !p.PendingManual).ToList();
        var full = results.Count(p => !p.FormatError && p.Score >= p.Max);
        var feedback = results.Count(p => p.Rule is not null);
        var format = results.Count(p => p.FormatError);
        var blank = results.Count(p => p.Feedback == "No answer was given.");
        return $"{full} full credit, {feedback} matched a feedback rule or carry-forward, {format} format errors, {blank} blank, {results.Count - full - feedback - format - blank} other wrong";
    }
}
