using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Checking;
using Autograder.Core.Grading;
using Autograder.Core.Variants;

namespace Autograder.Core.Tests.Checking;

public sealed class PropertyCheckersTests
{
    private static PartDefinition Part(string property) =>
        new("filter", "", AnswerType.Property, 3, null, JsonNode.Parse("[[1, 0, -1], [1, 0, -1], [1, 0, -1]]"), new CheckOptions(Property: property), [], null, []);

    private static JsonArray Matrix(double[,] k)
    {
        var rows = new JsonArray();
        for (var i = 0; i < k.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (var j = 0; j < k.GetLength(1); j++) row.Add(k[i, j]);
            rows.Add(row);
        }
        return rows;
    }

    private static double[,] Outer(double[] rows, double[] columns)
    {
        var k = new double[rows.Length, columns.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++) k[i, j] = rows[i] * columns[j];
        }
        return k;
    }

    private static double[,] Transpose(double[,] k)
    {
        var t = new double[k.GetLength(1), k.GetLength(0)];
        for (var i = 0; i < k.GetLength(0); i++)
        {
            for (var j = 0; j < k.GetLength(1); j++) t[j, i] = k[i, j];
        }
        return t;
    }

    // A filter r cᵀ whose column weights c add up to zero sees only left-to-right change: on a horizontal edge or a
    // flat image every row of the patch is constant, so each row contributes r_i · (value · Σc) = 0.
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void VerticalEdge_GivesFullCredit_WhenColumnWeightsAddToZero(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var rows = Enumerable.Range(0, 3).Select(_ => (double)rng.NextInt(1, 4)).ToArray();
        var a = rng.NextInt(1, 3) * (rng.NextInt(0, 1) == 0 ? 1 : -1);
        var b = rng.NextInt(-2, 2);
        double[] columns = [a, b, -a - b];
        var verdict = PropertyCheckers.Check("vertical-edge-filter", Matrix(Outer(rows, columns)));

        Assert.Equal(1, verdict.Credit, 12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void VerticalEdge_GivesNothing_WhenTheFilterIsTurnedToHorizontalEdges(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var rows = Enumerable.Range(0, 3).Select(_ => (double)rng.NextInt(1, 4)).ToArray();
        var a = rng.NextInt(1, 3);
        double[] columns = [a, 0, -a];
        // Transposed, the filter only sees top-to-bottom change, so the vertical edge gives no response at all.
        var verdict = PropertyCheckers.Check("vertical-edge-filter", Matrix(Transpose(Outer(rows, columns))));

        Assert.Equal(0, verdict.Credit);
        Assert.Contains("does not respond to the vertical edge", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void VerticalEdge_GivesPartialCredit_WhenTheFilterAlsoFiresOnFlatRegionsAndHorizontalEdges()
    {
        // Only the left column is weighted: it sees the vertical edge, but also any brightness and any horizontal edge.
        var verdict = PropertyCheckers.Check("vertical-edge-filter", Matrix(new double[,] { { 1, 0, 0 }, { 1, 0, 0 }, { 1, 0, 0 } }));

        Assert.Equal(1 / 3.0, verdict.Credit, 12);
        Assert.Contains("make the entries add up to zero", verdict.Feedback, StringComparison.Ordinal);
        Assert.Contains("should give 0 there", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void VerticalEdge_GivesTwoThirds_WhenTheFilterIsALaplacian()
    {
        // The Laplacian sums to zero (flat is ignored) but also responds to horizontal edges.
        var verdict = PropertyCheckers.Check("vertical-edge-filter", Matrix(new double[,] { { 0, 1, 0 }, { 1, -4, 1 }, { 0, 1, 0 } }));

        Assert.Equal(2 / 3.0, verdict.Credit, 12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Blur_GivesFullCredit_WhenPositiveWeightsAreNormalized(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var k = new double[3, 3];
        var total = 0.0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) total += k[i, j] = rng.NextInt(1, 9);
        }
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) k[i, j] /= total;
        }

        Assert.Equal(1, PropertyCheckers.Check("blur-filter", Matrix(k)).Credit, 12);
    }

    [Theory]
    [InlineData("1 1 1; 1 1 1; 1 1 1", 2 / 3.0, "do not add up to 1")]
    [InlineData("0 0 0; 0 1 0; 0 0 0", 2 / 3.0, "not spread")]
    [InlineData("0 -1 0; -1 5 -1; 0 -1 0", 1 / 3.0, "negative")]
    [InlineData("0 0.5 0; 0 0.5 0; 0 0 0", 1, "spreads over 2 outputs")]
    public void Blur_SaysWhatFailed_WhenTheFilterIsNotANormalizedAverage(string filter, double credit, string said)
    {
        var part = Part("blur-filter");
        var parsed = AnswerChecker.Parse(part, JsonValue.Create(filter));
        var verdict = PropertyCheckers.Check("blur-filter", parsed.Value!.AsArray());

        Assert.Equal(credit, verdict.Credit, 12);
        Assert.Contains(said, verdict.Feedback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[1/9, 1/9, 1/9], [1/9, 1/9, 1/9], [1/9, 1/9, 1/9]]")]
    [InlineData("[[1/16, 2/16, 1/16]; [2/16, 4/16, 2/16]; [1/16, 2/16, 1/16]]")]
    public void Parse_ReadsBracketedRowsWithFractions_WhenTheyAreNotJson(string filter)
    {
        var parsed = AnswerChecker.Parse(Part("blur-filter"), JsonValue.Create(filter));

        Assert.Null(parsed.FormatError);
        Assert.Equal(1, PropertyCheckers.Check("blur-filter", parsed.Value!.AsArray()).Credit, 12);
    }

    [Fact]
    public void Parse_GivesFormatError_WhenTheFilterIsNotThreeByThree()
    {
        var parsed = AnswerChecker.Parse(Part("blur-filter"), JsonValue.Create("1 1; 1 1"));

        Assert.True(parsed.IsFormatError);
        Assert.Contains("3×3", parsed.FormatError, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_ScoresTheStudentsOwnFilterAndExplainsTheTests_WhenItDiffersFromTheExample()
    {
        var problem = new ProblemDefinition("filters", 1, "Filters", "cnn", 3, "none", new GeneratorSpec("fixed", []), [],
            [Part("vertical-edge-filter")], "", "", []);
        var variant = new Variant("filters", 1, "none", 1, null, "", [], [], []);
        var grader = new Grader((_, _) => []);

        var result = grader.Grade(problem, variant, new JsonObject { ["filter"] = "-1 0 1; -2 0 2; -1 0 1" });

        var part = Assert.Single(result.Parts);
        Assert.Equal(3, part.Score, 12);
        Assert.Contains("vertical edge (left half 0, right half 1)", part.Feedback, StringComparison.Ordinal);
        Assert.Equal("vertical-edge-filter", part.Rule);
    }
}
