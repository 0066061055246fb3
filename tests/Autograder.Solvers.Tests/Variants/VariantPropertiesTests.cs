using Autograder.Solvers.Grading;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Validation;
using Autograder.Solvers.Variants;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Autograder.Solvers.Tests.Variants;

public sealed class VariantPropertiesTests
{
    private static readonly string[] ProblemIds = [.. Bank.Current.Problems.Keys.Order(StringComparer.Ordinal)];

    private static Arbitrary<(string Problem, long Seed, string Student)> Variants() =>
        (from problem in Gen.Elements(ProblemIds)
         from seed in Gen.Choose(0, int.MaxValue)
         from student in Gen.Elements("s001", "s002", "alice", "bob", "")
         select (problem, (long)seed, student)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property ReferenceAnswer_AlwaysGetsFullCredit() =>
        Prop.ForAll(Variants(), v =>
        {
            var problem = Bank.Current.Problem(v.Problem);
            var variant = VariantFactory.Create(problem, v.Seed, v.Student);
            var answers = new JsonObject();
            // Code parts are graded by the sandbox (tests/Autograder.Sandbox.Tests runs every reference solution).
            foreach (var part in problem.Parts.Where(p => p.Type is not (AnswerType.Manual or AnswerType.Code)))
                answers[part.Id] = Grader.Reference(part, variant).Value?.DeepClone() ?? JsonValue.Create("empty");
            var result = ReferenceGrading.Grader.Grade(problem, variant, answers);
            return result.Parts.Where(p => !p.PendingManual && problem.Part(p.PartId)!.Type != AnswerType.Code).All(p => Math.Abs(p.Score - p.Max) < 1e-9);
        });

    [Property(MaxTest = 300)]
    public Property NumericAnswer_OutsideTolerance_NeverGetsCredit() =>
        Prop.ForAll(Variants(), Gen.Choose(2, 50).ToArbitrary(), (v, factor) =>
        {
            var problem = Bank.Current.Problem(v.Problem);
            var variant = VariantFactory.Create(problem, v.Seed, v.Student);
            foreach (var part in problem.Parts.Where(p => p.Type == AnswerType.Number))
            {
                var reference = Grader.Reference(part, variant).Value.AsDouble();
                var allowed = Math.Max(part.Options.AbsoluteTolerance, part.Options.RelativeTolerance * Math.Abs(reference));
                var wrong = reference + allowed * factor * 1.01 + 1e-9;
                var result = ReferenceGrading.Grader.Grade(problem, variant, new JsonObject { [part.Id] = wrong });
                if (result.Parts.Single(p => p.PartId == part.Id).Score > 0) return false;
            }
            return true;
        });

    [Fact]
    public void Create_IsDeterministic_AndDependsOnStudent()
    {
        // Problems on the `fixed` generator have nothing to vary (conceptual choices, proofs): the same for everyone.
        foreach (var problem in Bank.Current.Problems.Values.Where(p => p.Generator.Id != "fixed"))
        {
            var a = VariantFactory.Create(problem, 2026, "s001").ToJson().ToJsonString();
            var b = VariantFactory.Create(problem, 2026, "s001").ToJson().ToJsonString();
            Assert.Equal(a, b);
            var others = Enumerable.Range(0, 20).Select(i => VariantFactory.Create(problem, 2026, $"other{i}").Params.ToJsonString()).Distinct().Count();
            Assert.True(others > 1, $"{problem.Id} gives every student the same params");
        }
    }
}
