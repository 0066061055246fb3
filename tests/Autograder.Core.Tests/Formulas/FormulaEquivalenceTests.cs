using Autograder.Core.Formulas;

namespace Autograder.Core.Tests.Formulas;

public sealed class FormulaEquivalenceTests
{
    private static readonly HashSet<string> Declared = ["w", "u_1", "u_2", "eta", "lambda", "beta", "g", "m", "v", "epsilon", "sigma", "mu"];

    private static Expr Parse(string text)
    {
        Assert.True(FormulaParser.TryParse(text, Declared, out var expr, out var error), error);
        return expr;
    }

    private static EquivalenceResult Compare(string expected, string actual, ulong seed = 42, EquivalenceOptions? options = null)
    {
        var e = Parse(expected);
        var a = Parse(actual);
        var variables = e.GetVariables().Union(a.GetVariables()).Order(StringComparer.Ordinal).ToList();
        return FormulaEquivalence.AreEquivalent(e, a, variables, seed, options);
    }

    [Theory]
    [InlineData("2*w*u_1 + 2*w^2", "2w(u_1+w)")]
    [InlineData("eta*lambda", "lambda*eta")]
    [InlineData("eta*lambda*w", "ηλw")]
    [InlineData("w - eta*(g + lambda*w)", "(1 - eta lambda) w - eta g")]
    [InlineData("beta*m + (1-beta)*g", "g + β(m - g)")]
    [InlineData("m/(1-beta^2)", "m/((1-beta)(1+beta))")]
    [InlineData("eta*m/(sqrt(v)+epsilon)", "eta m (sqrt(v) + epsilon)^-1")]
    [InlineData("sigmoid(w)*(1-sigmoid(w))", "exp(-w)/(1+exp(-w))^2")]
    [InlineData("log(w*u_1)", "ln(w) + ln(u_1)")]
    [InlineData("(w-mu)/sigma", "w/sigma - mu/sigma")]
    [InlineData("1e-3*w", "w/1000")]
    public void AreEquivalent_Accepts_AlgebraicallyEqualFormulas(string expected, string actual)
    {
        var result = Compare(expected, actual);
        Assert.Equal(EquivalenceOutcome.Equivalent, result.Outcome);
        Assert.True(result.AreEquivalent);
        Assert.Equal(20, result.ValidPoints);
    }

    [Theory]
    [InlineData("w*u_1", "w+u_1")]
    [InlineData("2*w*u_1 + 2*w^2", "2w(u_1+w^2)")]
    [InlineData("eta*lambda", "eta/lambda")]
    [InlineData("m/(1-beta^2)", "m/(1-beta)^2")]
    [InlineData("w", "w*1.00001")]
    public void AreEquivalent_Rejects_DifferentFormulas_WithTheFirstDifferingPoint(string expected, string actual)
    {
        var result = Compare(expected, actual);
        Assert.Equal(EquivalenceOutcome.Different, result.Outcome);
        Assert.NotNull(result.Point);
        var e = Parse(expected).Evaluate(result.Point);
        var a = Parse(actual).Evaluate(result.Point);
        Assert.Equal(e, result.ExpectedValue);
        Assert.Equal(a, result.ActualValue);
        Assert.NotEqual(e, a);
    }

    [Fact]
    public void AreEquivalent_IsDeterministic_ForTheSameSeed()
    {
        var first = Compare("w*u_1", "w+u_1", seed: 7);
        var second = Compare("w*u_1", "w+u_1", seed: 7);
        Assert.Equal(first.DescribePoint(), second.DescribePoint());
        Assert.NotEqual(first.DescribePoint(), Compare("w*u_1", "w+u_1", seed: 8).DescribePoint());
    }

    [Fact]
    public void DescribePoint_ListsVariablesInTheGivenOrder()
    {
        var result = Compare("w*u_1", "w+u_1");
        Assert.Matches(@"^u_1 = [0-9.]+, w = [0-9.]+$", result.DescribePoint());
    }

    [Fact]
    public void AreEquivalent_DrawsFromTheGivenDomains()
    {
        // equal only where w < 0, which the default domain never reaches
        var options = new EquivalenceOptions { Domains = new Dictionary<string, VariableDomain> { ["w"] = new(-3, -1) } };
        Assert.True(Compare("abs(w)", "-w", options: options).AreEquivalent);
        Assert.False(Compare("abs(w)", "-w").AreEquivalent);
    }

    [Fact]
    public void AreEquivalent_SkipsPointsWhereEitherSideIsUndefined()
    {
        var options = new EquivalenceOptions { Domains = new Dictionary<string, VariableDomain> { ["w"] = new(-1, 1) } };
        var result = Compare("sqrt(w)^2", "w", options: options);
        Assert.Equal(EquivalenceOutcome.Equivalent, result.Outcome);
    }

    [Fact]
    public void AreEquivalent_Fails_WhenTooFewPointsAreValid()
    {
        var result = Compare("w", "sqrt(-w)^2*(-1)");
        Assert.Equal(EquivalenceOutcome.TooFewValidPoints, result.Outcome);
        Assert.False(result.AreEquivalent);
        Assert.Equal(0, result.ValidPoints);
    }

    [Fact]
    public void AreEquivalent_Throws_WhenAFormulaUsesAVariableWithoutDomain()
    {
        var e = Parse("w*u_1");
        Assert.Throws<ArgumentException>(() => FormulaEquivalence.AreEquivalent(e, e, ["w"], 1));
    }
}
