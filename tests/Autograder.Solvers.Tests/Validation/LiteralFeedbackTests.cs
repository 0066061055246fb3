using Autograder.Solvers.Grading;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using System.Text.Json.Nodes;
using Autograder.Core.Grading;
using Autograder.Core.Templates;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Validation;

public sealed class LiteralFeedbackTests
{
    public static TheoryData<string, string, string> Rules()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var problem in Bank.Current.Problems.Values.Where(p => p.Canonical is not null))
        {
            foreach (var part in problem.Parts)
            {
                foreach (var rule in part.Feedback.Where(r => r.Value is not null)) data.Add(problem.Id, part.Id, rule.Id);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void LiteralAnswer_IsReadable_AndFiresItsRule(string problemId, string partId, string ruleId)
    {
        var problem = Bank.Current.Problem(problemId);
        var part = problem.Part(partId)!;
        var rule = part.Feedback.Single(r => r.Id == ruleId);
        var variant = VariantFactory.Canonical(problem);

        // Literal values may use {{ params.x }}, rendered for the variant as the grader does.
        var literal = rule.Value is JsonValue v && v.TryGetValue<string>(out var text) && text.Contains("{{", StringComparison.Ordinal)
            ? JsonValue.Create(StatementTemplate.Render(text, variant.Params, variant.Answers).Trim())
            : rule.Value!.DeepClone();
        var mistake = AnswerChecker.Parse(part, literal);
        Assert.False(mistake.IsFormatError, mistake.FormatError);
        var partial = AnswerChecker.Score(part, mistake.Value, Grader.Reference(part, variant).Value);
        Assert.True(partial < 1, "the literal answer is the reference itself, so the rule can never fire");

        // Graded as a student's answer, the rule fires with its own credit and message.
        var result = ReferenceGrading.Grader.Grade(problem, variant, new() { [partId] = literal.DeepClone() });
        var graded = result.Parts.Single(p => p.PartId == partId);
        Assert.Equal(ruleId, graded.Rule);
        // A multiple selection may earn partial credit of its own; the rule never gives less.
        Assert.Equal(Math.Max(rule.Credit, partial) * part.Points, graded.Score, 9);
    }

    [Fact]
    public void Bank_HasLiteralRules_ForTheConceptualQuestions()
    {
        Assert.Contains(Rules(), row => (string)row[0] == "weight-decay-equivalence");
        Assert.Contains(Rules(), row => (string)row[0] == "purifier-svd-form");
    }
}
