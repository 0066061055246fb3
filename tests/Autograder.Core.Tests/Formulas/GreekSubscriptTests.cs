using Autograder.Core.Formulas;

namespace Autograder.Core.Tests.Formulas;

public sealed class GreekSubscriptTests
{
    private static readonly HashSet<string> Vars = ["beta_1", "beta_2", "m", "v", "g"];

    [Theory]
    [InlineData("β1 m", "beta_1*m")]
    [InlineData("β_2 v", "beta_2*v")]
    [InlineData("(1 - β2) g^2", "(1 - beta_2)*g^2")]
    [InlineData("beta1*m", "beta_1*m")]
    public void TryParse_ReadsAGreekLetterWithASubscript_AsTheSpelledOutVariable(string text, string canonical)
    {
        Assert.True(FormulaParser.TryParse(text, Vars, out var expr, out var error), error);
        Assert.Equal(canonical, expr.ToString());
    }

    [Fact]
    public void TryParse_StillRefusesAGreekLetterWithAnUndeclaredSubscript()
    {
        Assert.False(FormulaParser.TryParse("β3 m", Vars, out _, out var error));
        Assert.Contains("β3", error, StringComparison.Ordinal);
    }
}
