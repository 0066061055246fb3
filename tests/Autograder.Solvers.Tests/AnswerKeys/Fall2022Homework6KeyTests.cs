using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.AnswerKeys;

/// <summary>
/// The Fall 2022 Homework 6 documents: the keys printed in the solutions (Q3, dropout) earn full credit, and the
/// questions' canonical statements show the questions' numbers (the beam-search tree of Q5).
/// </summary>
public sealed class Fall2022Homework6KeyTests
{
    [Theory]
    // Solutions Q3: "λ = (1−p)/p", written as printed and rearranged.
    [InlineData("dropout-expectation", "lambda", "\"(1-p)/p\"")]
    [InlineData("dropout-expectation", "lambda", "\"1/p - 1\"")]
    public void PrintedKey_EarnsFullCredit_OnCanonicalVariant(string problemId, string partId, string printed)
    {
        var result = SeedKeys.GradePrinted(problemId, partId, printed);

        Assert.Equal(result.Max, result.Score, 9);
    }

    [Fact]
    public void DropoutGamma_IsTheRootOfDiagXtX_AsPrintedInQ3()
    {
        // Solutions Q3: Γ = (diag(XᵀX))^(1/2), computed here from the canonical X.
        var variant = VariantFactory.Canonical(Bank.Current.Problem("dropout-expectation"));
        var x = SeedKeys.Matrix(variant.Params["X"]);
        var expected = Enumerable.Range(0, x[0].Length).Select(j => Math.Sqrt(x.Sum(row => row[j] * row[j]))).ToArray();
        SolverAssert.Close(expected, SolverAssert.Vector(variant.Answers["gamma_check"]));
    }

    [Fact]
    public void DropoutExpectedLoss_EqualsTheAverageOverEveryMask()
    {
        // Solutions Q3's identity, checked by averaging ‖y − (R⊙X)w̌‖² over all 2^(n·d) masks R with their probabilities.
        var variant = VariantFactory.Canonical(Bank.Current.Problem("dropout-expectation"));
        var x = SeedKeys.Matrix(variant.Params["X"]);
        var y = SeedKeys.Vector(variant.Params["y"]);
        var w = SeedKeys.Vector(variant.Params["w_dropout"]);
        var p = SeedKeys.Number(variant.Params["p"]);
        int n = x.Length, d = w.Length;
        var expectation = 0.0;
        for (var mask = 0; mask < 1 << (n * d); mask++)
        {
            var probability = 1.0;
            var loss = 0.0;
            for (var i = 0; i < n; i++)
            {
                var prediction = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var kept = (mask >> ((i * d) + j) & 1) == 1;
                    probability *= kept ? p : 1 - p;
                    prediction += kept ? x[i][j] * w[j] : 0;
                }

                loss += (y[i] - prediction) * (y[i] - prediction);
            }

            expectation += probability * loss;
        }

        SolverAssert.Close(expectation, SolverAssert.Number(variant.Answers["expected_loss"]));
    }

    [Theory]
    // Questions Q5: the decoder's tree.
    [InlineData("beam-search-steps", "- `neural`: log p = -0.65")]
    [InlineData("beam-search-steps", "- `network`: log p = -0.73")]
    [InlineData("beam-search-steps", "    - `network`: log p = -4.6")]
    [InlineData("beam-search-steps", "$k = 2$")]
    // Questions Q2 and Q3: μ = 0, σ = 1 and the quadratic kernel.
    [InlineData("scaled-dot-product-stats", "practical case $\\mu = 0$ and $\\sigma = 1$")]
    [InlineData("kernelized-attention", "degree $p = 2$")]
    public void CanonicalStatement_ShowsTheSeedsFacts(string problemId, string fragment) =>
        Assert.Contains(fragment, SeedKeys.CanonicalStatement(problemId), StringComparison.Ordinal);

    [Fact]
    public void BeamSearch_KeepsTheWorkedSequences_AndMissesTheMostLikelyOne()
    {
        // Computed by hand from the figure: step 2 keeps neural network (−1.25) and network neural (−1.33); step 3 keeps
        // neural network network (−1.85) and network neural network (−1.93); neural neural neural (−1.46) is better.
        var variant = VariantFactory.Canonical(Bank.Current.Problem("beam-search-steps"));
        string Sequence(int step, int rank) => string.Join(' ', SolverAssert.Tokens(variant.Answers["beam_steps"]![step]![rank]!["sequence"]));
        Assert.Equal("neural network", Sequence(1, 0));
        Assert.Equal("network neural", Sequence(1, 1));
        Assert.Equal("neural network network", Sequence(2, 0));
        Assert.Equal("network neural network", Sequence(2, 1));
        Assert.Equal("neural neural neural", string.Join(' ', SolverAssert.Tokens(variant.Answers["exhaustive"]!["sequence"])));
        Assert.Equal(1, SeedKeys.GradePrinted("beam-search-steps", "finds_best", "\"no\"").Score, 9);
    }
}
