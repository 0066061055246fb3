using Autograder.Core.Bank;
using Autograder.Core.Variants;
using Autograder.Solvers.Variants;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Autograder.Benchmarks;

/// <summary>
/// Making an exam's variants for a whole class (issue goal: under 2 s for 1,000 students). One operation is the
/// whole roster, so the Mean column is the time for 1,000 students. The Warm job is the steady state; the Cold
/// job is the first pass in a fresh process, JIT included, which is what one `autograder exam variants` run pays.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5, id: "Warm")]
[SimpleJob(RunStrategy.ColdStart, launchCount: 3, warmupCount: 0, iterationCount: 1, id: "Cold")]
[MemoryDiagnoser]
public class VariantBenchmarks
{
    public const int Students = 1_000;
    public const int ExamProblems = 10;

    private ProblemBank _bank = null!;
    private ExamDefinition _sp23 = null!;
    private IReadOnlyList<ProblemDefinition> _tenProblems = [];
    private IReadOnlyList<Student> _roster = [];

    [GlobalSetup]
    public void Setup()
    {
        _bank = BenchmarkInputs.LoadBank();
        _sp23 = _bank.Exam("sp23-midterm");
        _tenProblems = BenchmarkInputs.Problems(_bank, ExamProblems);
        _roster = BenchmarkInputs.Roster(Students);
    }

    /// <summary>10,000 variants: params from the generator, reference answers from the solver, the catalogued mistakes.</summary>
    [Benchmark]
    public int TenProblemExam()
    {
        var answers = 0;
        foreach (var student in _roster)
        {
            foreach (var problem in _tenProblems)
                answers += VariantFactory.Create(problem, BenchmarkInputs.ExamSeed, student.Id).Answers.Count;
        }
        return answers;
    }

    /// <summary>What <c>autograder exam variants</c> builds per student: sp23-midterm's 8 variants with rendered statements, as JSON.</summary>
    [Benchmark]
    public int Sp23MidtermWithStatements()
    {
        var problems = 0;
        foreach (var student in _roster)
            problems += ExamVariants.ForStudent(_bank, _sp23, BenchmarkInputs.ExamSeed, student)["problems"]!.AsArray().Count;
        return problems;
    }
}
