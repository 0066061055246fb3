using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using System.Text.Json.Nodes;
using Autograder.Core.Templates;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.AnswerKeys;

/// <summary>Grades an answer printed in a seed document against a problem's canonical variant.</summary>
internal static class SeedKeys
{
    public static Core.Grading.PartResult GradePrinted(string problemId, string partId, string printedJson)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = VariantFactory.Canonical(problem);
        var answers = new JsonObject { [partId] = JsonNode.Parse(printedJson) };
        return ReferenceGrading.Grader.Grade(problem, variant, answers).Parts.Single(p => p.PartId == partId);
    }

    /// <summary>Params as numbers, whether YAML gave them as integers or decimals.</summary>
    public static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static double[] Vector(JsonNode? node) => [.. node!.AsArray().Select(Number)];

    public static double[][] Matrix(JsonNode? node) => [.. node!.AsArray().Select(Vector)];

    public static string CanonicalStatement(string problemId)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = VariantFactory.Canonical(problem);
        return StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
    }
}
