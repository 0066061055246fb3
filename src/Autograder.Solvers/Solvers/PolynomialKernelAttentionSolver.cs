using System.Text.Json.Nodes;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Kernelized attention with the polynomial kernel sim(q, k) = (qᵀk + c)^p: its value, an explicit feature map with
/// φ(q)ᵀφ(k) = sim(q, k), and the time and memory of softmax attention against the linearized form.
/// </summary>
public sealed class PolynomialKernelAttentionSolver : ISolver
{
    public string Id => "polynomial-kernel-attention";

    public string Description => "Polynomial-kernel similarity (qᵀk + c)^p, its explicit feature map and size, and big-O costs of softmax vs linearized attention.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var q = p.Vector("q");
        var k = p.Vector("k");
        if (k.Length != q.Length)
        {
            throw p.Bad("k", $"has {k.Length} entries but q has {q.Length}");
        }

        var degree = p.OptionalInteger("degree", 2, min: 1);
        if (degree > 6)
        {
            throw p.Bad("degree", "must be at most 6");
        }

        var c = p.OptionalNumber("c", 1);
        if (c < 0)
        {
            throw p.Bad("c", "must not be negative, or the kernel has no real feature map");
        }

        // The feature map has C(D + p, p) entries; keep it small enough to write out.
        var count = Enumerable.Range(1, degree).Aggregate(1.0, (acc, i) => acc * (q.Length + i) / i);
        if (count > 10_000)
        {
            throw p.Bad("q", $"with {q.Length} entries and degree {degree} the feature map would have {count:0} entries; at most 10000 are supported");
        }

        var monomials = Monomials(q.Length, degree).ToList();
        var phiQ = monomials.Select(a => Feature(a, q, degree, c)).ToArray();
        var phiK = monomials.Select(a => Feature(a, k, degree, c)).ToArray();
        var power = degree == 1 ? "D" : $"D^{degree}";
        return new JsonObject
        {
            ["similarity"] = Answer.Number(Math.Pow(VectorMath.Dot(q, k) + c, degree)),
            ["feature_dim"] = monomials.Count,
            ["phi_q"] = Answer.Vector(phiQ),
            ["phi_k"] = Answer.Vector(phiK),
            ["softmax_time"] = "O(N^2 D + N^2 M)",
            ["softmax_memory"] = "O(N^2 + N D + N M)",
            ["linear_time"] = $"O(N {power} M)",
            ["linear_memory"] = $"O(N {power} + N M + {power} M)",
            ["linear_memory_without_state"] = $"O(N {power} + N M)",
        };
    }

    /// <summary>Exponent vectors α with |α| ≤ p: one feature per monomial x^α of the expanded kernel (the constant included).</summary>
    private static IEnumerable<int[]> Monomials(int dims, int degree)
    {
        var current = new int[dims];
        IEnumerable<int[]> Walk(int index, int left)
        {
            if (index == dims)
            {
                yield return (int[])current.Clone();
                yield break;
            }

            for (var e = 0; e <= left; e++)
            {
                current[index] = e;
                foreach (var m in Walk(index + 1, left - e))
                {
                    yield return m;
                }
            }

            current[index] = 0;
        }

        return Walk(0, degree);
    }

    /// <summary>√(multinomial coefficient · c^(p−|α|)) · x^α, from (Σ x_i y_i + c)^p expanded by the multinomial theorem.</summary>
    private static double Feature(int[] alpha, double[] x, int degree, double c)
    {
        var rest = degree - alpha.Sum();
        var coefficient = Factorial(degree) / (alpha.Aggregate(1.0, (acc, a) => acc * Factorial(a)) * Factorial(rest)) * Math.Pow(c, rest);
        return Math.Sqrt(coefficient) * alpha.Select((a, i) => Math.Pow(x[i], a)).Aggregate(1.0, (acc, v) => acc * v);
    }

    private static double Factorial(int n) => Enumerable.Range(1, n).Aggregate(1.0, (acc, i) => acc * i);
}
