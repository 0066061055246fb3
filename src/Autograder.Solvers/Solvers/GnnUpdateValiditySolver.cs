using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Decides whether a GNN node update is valid on an undirected graph without edge labels, that is, whether it gives
/// the same new state whatever order the neighbors' messages come in. Each rule is run on random states and
/// messages under many orderings; a rule is valid when no ordering changes its output.
/// </summary>
public sealed class GnnUpdateValiditySolver : ISolver
{
    private delegate double[] Update(double[] self, double[][] messages, Weights w);

    private sealed record Rule(string Latex, bool Scalar, Update Apply, string Why);

    private sealed record Weights(double A, double B, double[] PerNeighbor, double[][] W1, double[][] W2);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["mean"] = new(@"\mathbf{s}_i^{\ell} = w_1 \mathbf{s}_i^{\ell-1} + w_2 \frac{1}{n_i} \sum_{j=1}^{n_i} \mathbf{m}_{i,j}^{\ell-1}", false,
            (s, m, w) => Add(Scale(w.A, s), Scale(w.B / m.Length, Sum(m))), "an average does not depend on the order of the neighbors"),
        ["sum"] = new(@"\mathbf{s}_i^{\ell} = w_1 \mathbf{s}_i^{\ell-1} + w_2 \sum_{j=1}^{n_i} \mathbf{m}_{i,j}^{\ell-1}", false,
            (s, m, w) => Add(Scale(w.A, s), Scale(w.B, Sum(m))), "a sum does not depend on the order of the neighbors"),
        ["max"] = new(@"\mathbf{s}_i^{\ell} = \max\left(w_1^{\ell} \mathbf{s}_i^{\ell-1}, w_2 \mathbf{m}_{i,1}^{\ell-1}, \ldots, w_2 \mathbf{m}_{i,n_i}^{\ell-1}\right) \text{ (component-wise max)}", false,
            (s, m, w) => m.Aggregate(Scale(w.A, s), (acc, x) => [.. acc.Select((a, k) => Math.Max(a, w.B * x[k]))]), "a maximum does not depend on the order of the neighbors"),
        ["scalar-product"] = new(@"s_i^{\ell} = s_i^{\ell-1} \prod_{j=1}^{n_i} w_j m_{i,j}^{\ell-1} \text{ (scalar states and messages)}", true,
            (s, m, w) => [s[0] * m.Select((x, j) => w.PerNeighbor[j] * x[0]).Aggregate(1.0, (a, b) => a * b)],
            "with scalars the product of all weights times the product of all messages is the same in any order"),
        ["tanh-mean"] = new(@"\mathbf{s}_i^{\ell} = \mathbf{s}_i^{\ell-1} + W_1 \frac{1}{n_i} \sum_{j=1}^{n_i} \tanh\left(W_2 \mathbf{m}_{i,j}^{\ell-1}\right)", false,
            (s, m, w) => Add(s, Scale(1.0 / m.Length, Times(w.W1, Sum([.. m.Select(x => Times(w.W2, x).Select(Math.Tanh).ToArray())])))),
            "the same function is applied to every message and the results are averaged"),
        ["first-neighbor"] = new(@"\mathbf{s}_i^{\ell} = w_1 \mathbf{s}_i^{\ell-1} + w_2 \mathbf{m}_{i,1}^{\ell-1}", false,
            (s, m, w) => Add(Scale(w.A, s), Scale(w.B, m[0])), "an undirected graph has no first neighbor: the result depends on how the neighbors are numbered"),
        ["position-weights"] = new(@"\mathbf{s}_i^{\ell} = \mathbf{s}_i^{\ell-1} + \sum_{j=1}^{n_i} w_j \mathbf{m}_{i,j}^{\ell-1}", false,
            (s, m, w) => Add(s, m.Select((x, j) => Scale(w.PerNeighbor[j], x)).Aggregate(new double[s.Length], Add)),
            "each neighbor position has its own weight, so renumbering the neighbors changes the result"),
        ["last-minus-first"] = new(@"\mathbf{s}_i^{\ell} = \mathbf{s}_i^{\ell-1} + w_1 \left(\mathbf{m}_{i,n_i}^{\ell-1} - \mathbf{m}_{i,1}^{\ell-1}\right)", false,
            (s, m, w) => Add(s, Scale(w.A, Add(m[^1], Scale(-1, m[0])))), "the neighbors have no order, so there is no first or last message"),
        ["attention"] = new(@"\mathbf{s}_i^{\ell} = \mathbf{s}_i^{\ell-1} + \sum_{j=1}^{n_i} \frac{\exp(w_1 \mathbf{s}_i^{\ell-1 \top} \mathbf{m}_{i,j}^{\ell-1})}{\sum_{k=1}^{n_i} \exp(w_1 \mathbf{s}_i^{\ell-1 \top} \mathbf{m}_{i,k}^{\ell-1})} \mathbf{m}_{i,j}^{\ell-1}", false,
            (s, m, w) =>
            {
                var scores = m.Select(x => Math.Exp(w.A * VectorMath.Dot(s, x))).ToArray();
                var total = scores.Sum();
                return Add(s, m.Select((x, j) => Scale(scores[j] / total, x)).Aggregate(new double[s.Length], Add));
            }, "attention weights each message by its own score and sums, which does not depend on the order"),
    };

    public string Id => "gnn-update-validity";

    public string Description => "Whether each GNN node-update rule is invariant to the order of the neighbors' messages (checked numerically).";

    /// <summary>The rule ids this solver knows, for generators.</summary>
    public static IReadOnlyCollection<string> RuleIds => Rules.Keys;

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var ids = p.Texts("rules");
        var verdicts = new JsonArray();
        var latex = new JsonArray();
        var reasons = new JsonArray();
        var accepted = new JsonArray();
        for (var i = 0; i < ids.Length; i++)
        {
            if (!Rules.TryGetValue(ids[i], out var rule))
            {
                throw new BadInputException($"{p.Field("rules")}[{i}]", $"unknown rule '{ids[i]}' (known: {string.Join(", ", Rules.Keys)})");
            }

            var verdict = IsInvariant(rule) ? "valid" : "invalid";
            verdicts.Add(verdict);
            // Per-neighbor weights were meant to break the symmetry, but scalar products commute: both verdicts are accepted.
            accepted.Add(ids[i] == "scalar-product" ? "invalid" : verdict);
            latex.Add(rule.Latex);
            reasons.Add(rule.Why);
        }

        return new JsonObject { ["verdicts"] = verdicts, ["latex"] = latex, ["reasons"] = reasons, ["also_accepted"] = accepted };
    }

    private static bool IsInvariant(Rule rule)
    {
        // A fixed seed: the verdict is a property of the rule, so it must not vary from call to call.
        var random = new Random(182);
        double Draw() => Math.Round((random.NextDouble() * 4) - 2, 3);
        for (var trial = 0; trial < 20; trial++)
        {
            var dim = rule.Scalar ? 1 : 3;
            var n = 2 + (trial % 4);
            var self = Enumerable.Range(0, dim).Select(_ => Draw()).ToArray();
            var messages = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dim).Select(_ => Draw()).ToArray()).ToArray();
            var weights = new Weights(Draw(), Draw(), [.. Enumerable.Range(0, n).Select(_ => Draw())],
                [.. Enumerable.Range(0, dim).Select(_ => Enumerable.Range(0, 2).Select(_ => Draw()).ToArray())],
                [.. Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, dim).Select(_ => Draw()).ToArray())]);
            var reference = rule.Apply(self, messages, weights);
            for (var shuffle = 0; shuffle < 10; shuffle++)
            {
                var order = messages.ToArray();
                random.Shuffle(order);
                var other = rule.Apply(self, order, weights);
                if (reference.Where((x, k) => Math.Abs(x - other[k]) > 1e-9 * Math.Max(1, Math.Abs(x))).Any())
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static double[] Add(double[] a, double[] b) => [.. a.Select((x, i) => x + b[i])];

    private static double[] Scale(double c, double[] a) => [.. a.Select(x => c * x)];

    private static double[] Sum(double[][] rows) => rows.Aggregate(new double[rows[0].Length], Add);

    private static double[] Times(double[][] matrix, double[] vector) => VectorMath.Times(matrix, vector);
}
