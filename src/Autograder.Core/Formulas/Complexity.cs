using System.Globalization;

namespace Autograder.Core.Formulas;

public enum ComplexityNotation
{
    /// <summary>Written without a wrapper, e.g. <c>n^2 d</c>.</summary>
    Bare,
    BigO,
    Theta,
}

/// <summary><c>Variable^Power (log Variable)^LogPower</c>; a factor with both powers zero is never stored.</summary>
public readonly record struct ComplexityFactor(string Variable, double Power, double LogPower);

/// <summary>One product of a big-O sum, coefficient dropped, e.g. <c>d n^2 log n</c>; no factors means 1.</summary>
public sealed class ComplexityTerm : IEquatable<ComplexityTerm>
{
    public static ComplexityTerm One { get; } = new([]);

    internal ComplexityTerm(IEnumerable<ComplexityFactor> factors) =>
        Factors = factors.Where(f => f.Power != 0 || f.LogPower != 0).OrderBy(f => f.Variable, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ComplexityFactor> Factors { get; }

    public double Degree => Factors.Sum(f => f.Power);

    internal static ComplexityTerm Of(string variable, double power, double logPower) => new([new(variable, power, logPower)]);

    internal ComplexityTerm Times(ComplexityTerm other) => new(Factors.Concat(other.Factors)
        .GroupBy(f => f.Variable, StringComparer.Ordinal)
        .Select(g => new ComplexityFactor(g.Key, g.Sum(f => f.Power), g.Sum(f => f.LogPower))));

    internal ComplexityTerm Raised(double exponent) =>
        new(Factors.Select(f => f with { Power = f.Power * exponent, LogPower = f.LogPower * exponent }));

    internal (double Power, double LogPower) Of(string variable)
    {
        foreach (var f in Factors)
        {
            if (f.Variable == variable) return (f.Power, f.LogPower);
        }
        return (0, 0);
    }

    /// <summary>
    /// True when this term grows no faster than <paramref name="other"/> as every variable grows: for each variable,
    /// (power, log power) is lexicographically no larger, since any positive power outgrows any power of a log.
    /// </summary>
    public bool IsDominatedBy(ComplexityTerm other) =>
        Factors.Select(f => f.Variable).Concat(other.Factors.Select(f => f.Variable)).All(v =>
        {
            var (p, k) = Of(v);
            var (q, l) = other.Of(v);
            return p < q || (p == q && k <= l);
        });

    public bool Equals(ComplexityTerm? other) => other is not null && Factors.SequenceEqual(other.Factors);

    public override bool Equals(object? obj) => Equals(obj as ComplexityTerm);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var f in Factors) hash.Add(f);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        if (Factors.Count == 0) return "1";
        var powers = Factors.Where(f => f.Power != 0).Select(f => f.Variable + Exponent(f.Power));
        var logs = Factors.Where(f => f.LogPower != 0).Select(f => f.LogPower == 1 ? $"log {f.Variable}" : $"(log {f.Variable}){Exponent(f.LogPower)}");
        return string.Join(" ", powers.Concat(logs));
    }

    private static string Exponent(double p) => p == 1 ? "" : "^" + p.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A big-O answer in normal form: constant factors dropped, terms dominated by another term dropped, the rest
/// sorted (highest degree first, then like a polynomial). Equality compares normal forms, so <c>O(3 n^2 d + n)</c> equals <c>O(d n n)</c>.
/// Domination is term by term, so <c>O(n^2 + n d + d^2)</c> keeps <c>n d</c> although it is below the sum of the others.
/// </summary>
public sealed class Complexity : IEquatable<Complexity>
{
    internal Complexity(IEnumerable<ComplexityTerm> terms, ComplexityNotation notation)
    {
        Terms = Normalize(terms);
        Notation = notation;
    }

    public IReadOnlyList<ComplexityTerm> Terms { get; }

    /// <summary>How the answer was written; not part of equality.</summary>
    public ComplexityNotation Notation { get; }

    internal static List<ComplexityTerm> Normalize(IEnumerable<ComplexityTerm> terms)
    {
        var distinct = terms.Distinct().ToList();
        var kept = distinct.Where(t => !distinct.Any(u => !u.Equals(t) && t.IsDominatedBy(u))).ToList();
        if (kept.Count == 0) kept.Add(ComplexityTerm.One);
        kept.Sort(CompareTerms);
        return kept;
    }

    // highest degree first, then like a polynomial: d^2 + d n + n^2
    private static int CompareTerms(ComplexityTerm a, ComplexityTerm b)
    {
        var byDegree = b.Degree.CompareTo(a.Degree);
        if (byDegree != 0) return byDegree;
        var byLogs = b.Factors.Sum(f => f.LogPower).CompareTo(a.Factors.Sum(f => f.LogPower));
        if (byLogs != 0) return byLogs;
        var names = a.Factors.Concat(b.Factors).Select(f => f.Variable).Distinct().Order(StringComparer.Ordinal);
        foreach (var v in names)
        {
            var (p, k) = a.Of(v);
            var (q, l) = b.Of(v);
            if (p != q) return q.CompareTo(p);
            if (k != l) return l.CompareTo(k);
        }
        return 0;
    }

    public bool Equals(Complexity? other) => other is not null && Terms.SequenceEqual(other.Terms);

    public override bool Equals(object? obj) => Equals(obj as Complexity);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var t in Terms) hash.Add(t);
        return hash.ToHashCode();
    }

    public static bool operator ==(Complexity? left, Complexity? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Complexity? left, Complexity? right) => !(left == right);

    /// <summary>The canonical form, e.g. <c>O(d n^2)</c> or <c>O(d n + n^2)</c>.</summary>
    public override string ToString() => $"O({string.Join(" + ", Terms)})";
}
