using System.Text.Json.Nodes;
using Autograder.Core.Grading;
using Autograder.Solvers.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Solvers.Tests.Variants;

/// <summary>The answer keys printed in the seed documents, reproduced through the bank's canonical variants.</summary>
public sealed class CanonicalKeysTests
{
    [Theory]
    // Fall 2022 midterm solutions.
    [InlineData("beam-search-tree", "exhaustive", "learn learn deep")]
    [InlineData("beam-search-tree", "greedy", "deep deep deep")]
    [InlineData("beam-search-tree", "beam", "learn learn deep")]
    [InlineData("argmax-attention", "scores", "[3, 11, 5, 2]")]
    [InlineData("argmax-attention", "output", "[1, 4, 3]")]
    [InlineData("cnn-layer-table", "conv1_params", "100")]
    [InlineData("cnn-layer-table", "conv2_activation", "[14, 14, 10]")]
    [InlineData("cnn-layer-table", "pool2_params", "0")]
    [InlineData("cnn-layer-table", "pool2_activation", "[7, 7, 10]")]
    [InlineData("cnn-layer-table", "fc_params", "1473")]
    // Spring 2023 midterm, worked out (the filled copy is not always right).
    [InlineData("conv-output-shapes", "first", "[10, 64, 32, 32]")]
    [InlineData("conv-output-shapes", "second", "[10, 64, 15, 15]")]
    [InlineData("dilated-conv", "output", "[20]")]
    [InlineData("receptive-field", "size", "7")]
    [InlineData("linear-rnn-attention", "output", "[2, 1]")]
    [InlineData("bn-simplified-gradient", "n_one", "0")]
    [InlineData("purifier-losses", "reconstruction_a", "0")]
    [InlineData("purifier-losses", "regularization_a", "2")]
    [InlineData("purifier-losses", "reconstruction_b", "0.001")]
    [InlineData("purifier-losses", "regularization_b", "1")]
    [InlineData("purifier-losses", "lambda_range", "[0.001, ∞)")]
    [InlineData("purifier-lambda-range", "lambda_range", "[1, 4]")]
    public void CanonicalVariant_ReproducesSeedAnswerKey(string problemId, string partId, string expected)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = VariantFactory.Canonical(problem);
        Assert.Equal(expected, Grader.Reference(problem.Part(partId)!, variant).Understood);
    }

    [Fact]
    public void CanonicalVariant_ReproducesSpring2023AttentionScores()
    {
        var variant = VariantFactory.Canonical(Bank.Current.Problem("linear-rnn-attention"));
        Assert.Equal("[2,6,4]", variant.Answers["scores"]!.ToJsonString());
    }

    [Theory]
    [InlineData("conv-output-shapes", "32")]
    [InlineData("argmax-attention", "\\begin{bmatrix} 0 \\\\ 3 \\\\ 4 \\end{bmatrix}")]
    [InlineData("purifier-losses", "-2.17 & 1.98 & 2.41 & -2.03")]
    [InlineData("purifier-lambda-range", "10, 8, 4, 1, 0.5, 0.36, 0.16, 0.01")]
    [InlineData("linear-rnn-attention", "\\begin{bmatrix} 3 & 1 \\\\ 4 & 2 \\end{bmatrix}")]
    [InlineData("beam-search-tree", "`learn`: log p = -0.91")]
    public void CanonicalStatement_ShowsTheSeedNumbers(string problemId, string fragment)
    {
        var problem = Bank.Current.Problem(problemId);
        var variant = VariantFactory.Canonical(problem);
        var statement = Autograder.Core.Templates.StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers);
        Assert.Contains(fragment, statement, StringComparison.Ordinal);
    }

    [Fact]
    public void PurifierLambdaRange_PreservesAtLeastEightyPercent_AtBothEnds()
    {
        // Independent check of the canonical key: at λ = 1 and λ = 4 both requirements hold, just outside they do not.
        double[] sigma = [10, 8, 4, 1, 0.5, 0.36, 0.16, 0.01];
        bool Ok(double lambda) => sigma.Take(3).All(s => s * s / (s * s + lambda) >= 0.8 - 1e-12)
            && sigma.Skip(3).All(s => s * s / (s * s + lambda) <= 0.5 + 1e-12);
        Assert.True(Ok(1) && Ok(4) && Ok(2.5));
        Assert.False(Ok(0.999) || Ok(4.001));
        var variant = VariantFactory.Canonical(Bank.Current.Problem("purifier-lambda-range"));
        Assert.Equal(JsonNode.Parse("""{"low":1,"high":4,"low_inclusive":true,"high_inclusive":true}"""), variant.Answers["interval"], JsonNode.DeepEquals);
    }
}
