namespace Autograder.Solvers.Tests.AnswerKeys;

/// <summary>
/// Every key printed in the Fall 2022 midterm solutions (Q3 to Q12), written as a student would copy it, earns full
/// credit on the canonical variant. Q6a, Q7a and Q8 are covered by CanonicalKeysTests.
/// </summary>
public sealed class Fall2022MidtermKeyTests
{
    [Theory]
    // Q3a: "mean is at β = 3, and stdev is γ = 1".
    [InlineData("batchnorm-gaussian", "a_mean", "3")]
    [InlineData("batchnorm-gaussian", "a_std", "1")]
    // Q3b: standardized features are centered with unit spread (the printed figure, in numbers).
    [InlineData("batchnorm-gaussian", "b_mean", "\"[0, 0]\"")]
    [InlineData("batchnorm-gaussian", "b_std", "\"[1, 1]\"")]
    // Q4: the solution table.
    [InlineData("gradient-tricks", "he_init", "\"vanishing\"")]
    [InlineData("gradient-tricks", "he_init", "\"vanishing, exploding\"")]
    [InlineData("gradient-tricks", "skip_connections", "\"vanishing\"")]
    [InlineData("gradient-tricks", "batch_norm", "\"vanishing, exploding\"")]
    // Q5.
    [InlineData("rnn-backprop-graph", "t_formula", "\"u_3 + w*u_2 + w^2*u_1\"")]
    [InlineData("rnn-backprop-graph", "y_formula", "\"w*u_3 + w^2*u_2 + w^3*u_1\"")]
    [InlineData("rnn-backprop-graph", "dydw_formula", "\"u_3 + 2*w*u_2 + 3*w^2*u_1\"")]
    [InlineData("rnn-backprop-graph", "dydp_formula", "\"w*w*w\"")]
    [InlineData("rnn-backprop-graph", "edge_middle_formula", "\"(u_2 + w*u_1)*w\"")]
    [InlineData("rnn-backprop-graph", "edge_middle_formula", "\"w*u_2 + w^2*u_1\"")]
    [InlineData("rnn-backprop-graph", "edge_left_formula", "\"u_1*w^2\"")]
    // Q6b: only the value picked by the argmax receives a gradient.
    [InlineData("argmax-attention-training", "gradient_paths", "\"selected-value\"")]
    // Q7b: g3 = (0, 0.8, 0); x4 is a shifted horizontal edge, so g4 = g1.
    [InlineData("circular-shift-invariance", "g3", "\"[0, 0.8, 0]\"")]
    [InlineData("circular-shift-invariance", "g4", "\"[0.8, 0, 0]\"")]
    // Q9b and Q9c.
    [InlineData("translation-decoder-inputs", "training", "\"<SOS>, I see, a, dog\"")]
    [InlineData("translation-decoder-inputs", "generation", "\"<SOS>, I saw, a, dog\"")]
    // Q10a: all three valid, the third accepted either way.
    [InlineData("gnn-update-validity", "rule_1", "\"valid\"")]
    [InlineData("gnn-update-validity", "rule_2", "\"valid\"")]
    [InlineData("gnn-update-validity", "rule_3", "\"valid\"")]
    [InlineData("gnn-update-validity", "rule_3", "\"invalid\"")]
    // Q10b, unsimplified and simplified.
    [InlineData("gnn-small-graph", "loss_formula", "\"-1/3 (log(b) + log(c) + log(1 - e))\"")]
    [InlineData("gnn-small-graph", "loss_formula", "\"-1/3 log(b c (1-e))\"")]
    // Q10c: residual only; W1 is d × k (d = 16, k = 8 here); node 2 hears 1, 4, 5 and node 3 hears 5.
    [InlineData("gnn-small-graph", "patterns", "\"residual\"")]
    [InlineData("gnn-small-graph", "w1_shape", "\"16 x 8\"")]
    [InlineData("gnn-small-graph", "first_neighbors", "\"1, 4, 5\"")]
    [InlineData("gnn-small-graph", "second_neighbors", "\"5\"")]
    // Q11a: w = p·w̌ and Γ = √((1−p)/p) Γ̌; Q11b: X̃ = XΓ⁻¹.
    [InlineData("dropout-tikhonov", "w_factor", "\"p\"")]
    [InlineData("dropout-tikhonov", "gamma_factor", "\"sqrt((1-p)/p)\"")]
    [InlineData("dropout-tikhonov", "x_tilde_form", "\"X Γ⁻¹\"")]
    // Q12a.
    [InlineData("linear-autoencoder-sgd", "layers", "2")]
    [InlineData("linear-autoencoder-sgd", "loss", "\"nn.MSELoss\"")]
    [InlineData("linear-autoencoder-sgd", "needed", "\"weight-decay, sgd\"")]
    public void PrintedKey_EarnsFullCredit_OnCanonicalVariant(string problemId, string partId, string printed)
    {
        var result = SeedKeys.GradePrinted(problemId, partId, printed);

        Assert.False(result.FormatError, result.Feedback);
        Assert.Equal(result.Max, result.Score, 9);
    }

    [Fact]
    public void Exam_CarriesTheSeedsPointsPerQuestion_WithoutThePreExamQuestions()
    {
        var exam = Support.Bank.Current.Exams["fa22-midterm"];
        double Points(params string[] ids) => exam.Problems.Where(p => ids.Contains(p.ProblemId)).Sum(p => p.Points);

        Assert.Equal(139 - 5, exam.TotalPoints);
        Assert.Equal(10, Points("batchnorm-gaussian"));
        Assert.Equal(6, Points("gradient-tricks"));
        Assert.Equal(18, Points("rnn-backprop-graph"));
        Assert.Equal(10, Points("argmax-attention", "argmax-attention-training"));
        Assert.Equal(16, Points("cnn-layer-table", "circular-shift-invariance"));
        Assert.Equal(14, Points("beam-search-tree"));
        Assert.Equal(10, Points("translation-decoder-inputs"));
        Assert.Equal(22, Points("gnn-update-validity", "gnn-small-graph"));
        Assert.Equal(14, Points("dropout-tikhonov"));
        Assert.Equal(14, Points("linear-autoencoder-sgd"));
        Assert.All(exam.Problems, p => Assert.Equal(Support.Bank.Current.Problem(p.ProblemId).Points, p.Points));
    }

    [Fact]
    public void DropoutColumnNorms_AreAllTheSameConstant_AsPrintedInQ11c()
    {
        // Q11c: every column of X̃ = XΓ⁻¹ has norm c, here 1/√((1−p)/p) = √(p/(1−p)) = 2 for p = 0.8.
        var variant = Autograder.Solvers.Variants.VariantFactory.Canonical(Support.Bank.Current.Problem("dropout-tikhonov"));
        var norms = variant.Answers["X_tilde_column_norms"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        Assert.All(norms, n => Assert.Equal(Math.Sqrt(0.8 / 0.2), n, 9));
    }

    [Theory]
    [InlineData("batchnorm-gaussian", "$\\mu = 1.5$")]
    [InlineData("batchnorm-gaussian", "(variance $0.16$)")]
    [InlineData("batchnorm-gaussian", "$\\beta = 3$")]
    [InlineData("circular-shift-invariance", "0 & 0 & 0 & 0 & 0 & 1 & 0 \\\\ 0 & 0 & 0 & 0 & 0 & 1 & 0")]
    [InlineData("circular-shift-invariance", "\\begin{bmatrix} 0.8 \\\\ 0 \\\\ 0 \\end{bmatrix}")]
    [InlineData("translation-decoder-inputs", "\"I see a dog\"")]
    [InlineData("translation-decoder-inputs", "\"I saw a dog\"")]
    [InlineData("translation-decoder-inputs", "Which 5 tokens")]
    [InlineData("gnn-update-validity", "\\max\\left(w_1^{\\ell} \\mathbf{s}_i^{\\ell-1}")]
    [InlineData("gnn-small-graph", "Nodes 1 and 4 are held back")]
    [InlineData("gnn-small-graph", "| label $y_i$ | 0 | 1 | 1 | 1 | 0 |")]
    public void CanonicalStatement_ShowsTheSeedsFacts(string problemId, string fragment) =>
        Assert.Contains(fragment, SeedKeys.CanonicalStatement(problemId), StringComparison.Ordinal);
}
