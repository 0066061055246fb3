using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Core.Bank;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Validation;

namespace Autograder.Solvers.Tests.Validation;

public sealed class BankValidatorTests
{
    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var problem in Bank.Current.Problems.Values)
        {
            foreach (var sample in problem.Samples) data.Add(problem.Id, Path.GetFileName(sample.File));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Grade_GivesEverySampleItsExpectedScore(string problemId, string sampleFile)
    {
        var problem = Bank.Current.Problem(problemId);
        var sample = problem.Samples.Single(s => Path.GetFileName(s.File) == sampleFile);
        var result = ReferenceGrading.Grader.Grade(problem, BankValidator.SampleVariant(problem, sample), sample.Answers);
        Assert.Equal(sample.ExpectedScore, result.Score, 9);
    }

    [Fact]
    public void Validate_PassesForTheWholeBank_WithTwoHundredVariantsEach()
    {
        Assert.Null(BankValidator.Validate(Bank.Current, 200));
    }

    [Fact]
    public void EveryProblem_HasCanonicalParams_AndAtLeastTwoSamples()
    {
        foreach (var problem in Bank.Current.Problems.Values)
        {
            Assert.True(problem.Canonical is not null, $"{problem.Id} has no canonical params");
            // A code question's samples are C# files with expected verdicts, run by the sandbox tests.
            if (problem.Parts.All(p => p.Type == AnswerType.Code))
            {
                Assert.True(File.Exists(Path.Combine(problem.Directory, "question.yaml")), $"{problem.Id} has no question.yaml");
                continue;
            }
            Assert.True(problem.Samples.Count >= 2, $"{problem.Id} has {problem.Samples.Count} samples");
        }
    }
}
