using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Templates;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Variants;

/// <summary>One student's copy of an exam: every problem's variant and rendered statement, as plain JSON.</summary>
public static class ExamVariants
{
    public static JsonObject ForStudent(ProblemBank bank, ExamDefinition exam, long seed, Student student)
    {
        var problems = new JsonArray();
        foreach (var item in exam.Problems)
        {
            var problem = bank.Problem(item.ProblemId);
            var variant = VariantFactory.Create(problem, seed, student.Id);
            var entry = variant.ToJson();
            entry["points"] = item.Points;
            entry["title"] = problem.Title;
            entry["statement"] = StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
            problems.Add(entry);
        }
        return new JsonObject
        {
            ["exam"] = exam.Id,
            ["title"] = exam.Title,
            ["seed"] = seed,
            ["student"] = new JsonObject { ["id"] = student.Id, ["name"] = student.Name, ["email"] = student.Email },
            ["total_points"] = exam.TotalPoints,
            ["problems"] = problems,
        };
    }
}
