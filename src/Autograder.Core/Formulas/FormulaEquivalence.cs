using System.Globalization;
using Autograder.Core.Variants;

namespace Autograder.Core.Formulas;

/// <summary>Where a variable's sample values are drawn from, uniformly.</summary>
public readonly record struct VariableDomain(double Min, double Max)
{
    /// <summary>Positive and away from zero, so sqrt, log and division behave.</summary>
    public static VariableDomain Default { get; } = new(0.5, 2.0);
}

public sealed record EquivalenceOptions
{
    public static EquivalenceOptions Default { get; } = new();

    /// <summary>Valid points (both sides finite) to compare before accepting.</summary>
    public int Points { get; init; } = 20;

    /// <summary>Draws allowed in total; points where either side is NaN or infinite are skipped.</summary>
    public int MaxDraws { get; init; } = 100;

    /// <summary>Fewer valid points than this after <see cref="MaxDraws"/> draws is a failure, not an acceptance.</summary>
    public int MinValidPoints { get; init; } = 10;

    public double RelativeTolerance { get; init; } = 1e-6;

    public double AbsoluteTolerance { get; init; } = 1e-6;

    /// <summary>Per-variable domains; variables not listed use <see cref="VariableDomain.Default"/>.</summary>
    public IReadOnlyDictionary<string, VariableDomain> Domains { get; init; } = new Dictionary<string, VariableDomain>();
}

public enum EquivalenceOutcome
{
    Equivalent,
    Different,
    TooFewValidPoints,
}

/// <param name="Point">The first point where the two differ (only for <see cref="EquivalenceOutcome.Different"/>).</param>
public sealed record EquivalenceResult(
    EquivalenceOutcome Outcome,
    int ValidPoints,
    IReadOnlyDictionary<string, double>? Point = null,
    double? ExpectedValue = null,
    double? ActualValue = null)
{
    public bool AreEquivalent => Outcome == EquivalenceOutcome.Equivalent;

    /// <summary>The differing point for feedback, e.g. <c>w = 0.8125, u_1 = 1.5</c>; empty when there is none.</summary>
    public string DescribePoint() => Point is null ? "" :
        string.Join(", ", Point.Select(p => $"{p.Key} = {p.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// Decides whether two formulas are the same function by evaluating both at random points. The points come from
/// SplitMix64 seeded by the caller, so a verdict is the same on every machine and every run.
/// </summary>
public static class FormulaEquivalence
{
    /// <summary>
    /// Compares <paramref name="actual"/> (the student's) with <paramref name="expected"/> at points over
    /// <paramref name="variables"/>, drawn in that order. Both formulas may use only those variables.
    /// </summary>
    public static EquivalenceResult AreEquivalent(
        Expr expected,
        Expr actual,
        IReadOnlyList<string> variables,
        ulong seed,
        EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(variables);
        options ??= EquivalenceOptions.Default;

        var missing = expected.GetVariables().Concat(actual.GetVariables()).Where(v => !variables.Contains(v)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no domain for variable(s) {string.Join(", ", missing)}", nameof(variables));
        }
        var domains = variables.Select(v => options.Domains.TryGetValue(v, out var d) ? d : VariableDomain.Default).ToList();
        foreach (var (v, d) in variables.Zip(domains))
        {
            if (!double.IsFinite(d.Min) || !double.IsFinite(d.Max) || d.Min > d.Max)
            {
                throw new ArgumentException($"bad domain [{d.Min}, {d.Max}] for variable '{v}'", nameof(options));
            }
        }

        var rng = new SplitMix64(seed);
        var valid = 0;
        for (var draw = 0; draw < options.MaxDraws && valid < options.Points; draw++)
        {
            var point = new Dictionary<string, double>(variables.Count, StringComparer.Ordinal);
            for (var i = 0; i < variables.Count; i++) point[variables[i]] = rng.NextDouble(domains[i].Min, domains[i].Max);

            var e = expected.Evaluate(point);
            var a = actual.Evaluate(point);
            if (!double.IsFinite(e) || !double.IsFinite(a)) continue;
            valid++;
            var tolerance = options.AbsoluteTolerance + options.RelativeTolerance * Math.Max(Math.Abs(e), Math.Abs(a));
            if (Math.Abs(e - a) > tolerance)
            {
                return new EquivalenceResult(EquivalenceOutcome.Different, valid, point, e, a);
            }
        }
        return valid >= options.MinValidPoints
            ? new EquivalenceResult(EquivalenceOutcome.Equivalent, valid)
            : new EquivalenceResult(EquivalenceOutcome.TooFewValidPoints, valid);
    }
}
