using System.Text.Json.Nodes;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Tests.Support;

namespace Autograder.Solvers.Tests.Grading;

public sealed class Fa22Hw7ExamTests
{
    [Fact]
    public void Exam_HoldsQuestionsOneToSix_SharingProblemsWithTheOtherExamsById()
    {
        var exam = Bank.Current.Exam("fa22-hw7");
        var ids = exam.Problems.Select(p => p.ProblemId).ToList();

        Assert.Equal(exam.Problems.Sum(p => Bank.Current.Problem(p.ProblemId).Points), exam.TotalPoints, 9);
        // Question 4a is the Fall 2022 midterm's argmax attention, question 2 its regularized linear autoencoder.
        Assert.Contains("argmax-attention", ids);
        Assert.Contains("linear-autoencoder-sgd", ids);
        Assert.Contains("argmax-attention", Bank.Current.Exam("fa22-midterm").Problems.Select(p => p.ProblemId));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void DebuggingKey_GetsEveryAutoGradedPoint_AndWrongChoicesGetNone()
    {
        // Batch norm's statistics depend on the micro-batch, so only it fails the accumulation test; the loop
        // diverges because optimizer.zero_grad() runs once, before the loop.
        var key = JsonNode.Parse("""{"deep-network-debugging": {"fails_test": "batchnorm", "diverging_fix": "zero-grad-each-step"}}""")!.AsObject();
        var wrong = JsonNode.Parse("""{"deep-network-debugging": {"fails_test": "layernorm", "diverging_fix": "lower-lr"}}""")!.AsObject();
        var exam = Bank.Current.Exam("fa22-hw7");

        var right = ReferenceGrading.ExamGrader.Grade(Bank.Current, exam, 0, "key", key, canonical: true).Problems.Single(p => p.ProblemId == "deep-network-debugging");
        var none = ReferenceGrading.ExamGrader.Grade(Bank.Current, exam, 0, "key", wrong, canonical: true).Problems.Single(p => p.ProblemId == "deep-network-debugging");

        Assert.Equal(3, right.Score, 9);
        Assert.Equal(0, none.Score, 9);
    }
}
