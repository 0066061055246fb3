using System.Text;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;

namespace Autograder.Sandbox.Questions;

/// <summary>Computes a question's reference answers from params (the reference solvers of docs/contracts/solvers.md).</summary>
public delegate JsonObject ReferenceSolver(string solverId, JsonObject parameters);

/// <summary>One concrete test: the arguments in parameter order and the expected output, which stays in the grader.</summary>
public sealed record TestInstance(string Name, bool Visible, double Points, JsonArray Args, JsonNode? Expected, TestLimits Limits)
{
    /// <summary>For an evaluated test: the evaluator and the inputs it applies the submission's returned value to.</summary>
    public (IEvaluator Evaluator, JsonObject Inputs)? Evaluation { get; init; }
}

/// <summary>Turns a question's tests into concrete ones for a seed: random arguments drawn, expected outputs computed.</summary>
public static class TestInstances
{
    public static IReadOnlyList<TestInstance> Create(CodeQuestion question, long seed, ReferenceSolver? solver)
    {
        var list = new List<TestInstance>();
        foreach (var test in question.Tests)
        {
            var random = new SplitMix64(StableSeed(question.Id, question.Version, seed, test.Name));
            for (var i = 0; i < test.Count; i++)
            {
                var name = test.Count == 1 ? test.Name : $"{test.Name}-{i + 1}";
                var args = new JsonObject();
                foreach (var parameter in question.Entry.Parameters)
                    args[parameter] = Draw(test.Args[parameter], random, args);
                JsonNode? expected;
                (IEvaluator, JsonObject)? evaluation = null;
                if (test.Evaluate is { } evaluate)
                {
                    var evaluator = Evaluators.Get(evaluate["id"]!.GetValue<string>());
                    var (inputs, target) = evaluator.Prepare(args, evaluate, random);
                    evaluation = (evaluator, inputs);
                    expected = target;
                }
                else if (test.Solver is { } id)
                {
                    if (solver is null) throw new InvalidOperationException($"question '{question.Id}' needs the reference solver '{id}', and none was given");
                    if (test.PerRow is { } rowsOf)
                    {
                        // One solver call per row of an argument (e.g. one query of a matrix of queries), as "$row".
                        var withRow = (JsonObject)args.DeepClone();
                        var rows = new JsonArray();
                        foreach (var row in args[rowsOf]!.AsArray())
                        {
                            withRow["row"] = row?.DeepClone();
                            rows.Add(Path(solver(id, (JsonObject)Substitute(test.SolverParams!, withRow)!), test.Answer!)?.DeepClone());
                        }
                        expected = rows;
                    }
                    else
                    {
                        var answers = solver(id, (JsonObject)Substitute(test.SolverParams!, args)!);
                        expected = Path(answers, test.Answer!)?.DeepClone();
                    }
                }
                else
                {
                    expected = test.Expected?.DeepClone();
                }
                var ordered = new JsonArray([.. question.Entry.Parameters.Select(p => args[p]?.DeepClone())]);
                list.Add(new TestInstance(name, test.Visible, test.Points, ordered, expected, test.Limits ?? question.Limits) { Evaluation = evaluation });
            }
        }
        return list;
    }

    private static ulong StableSeed(string id, int version, long seed, string test)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"autograder-code/v1\n{id}\n{version}\n{seed}\n{test}"));
        return BitConverter.ToUInt64(bytes, 0);
    }

    /// <summary>Replaces random specs (<c>{"random": kind, ...}</c>) by drawn values; <c>$name</c> refers to an argument drawn before.</summary>
    private static JsonNode? Draw(JsonNode? spec, SplitMix64 random, JsonObject drawn)
    {
        switch (spec)
        {
            case JsonObject o when o["random"] is JsonValue kind:
                return DrawRandom(kind.GetValue<string>(), o, random, drawn);
            case JsonObject o:
                return new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Draw(kv.Value, random, drawn))));
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Draw(x, random, drawn))]);
            case JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith('$') && drawn.ContainsKey(s[1..]):
                return drawn[s[1..]]?.DeepClone();
            default:
                return spec?.DeepClone();
        }
    }

    private static JsonNode? DrawRandom(string kind, JsonObject o, SplitMix64 random, JsonObject drawn)
    {
        int Int(string key, int fallback) => o[key] is { } n ? (int)Draw(n, random, drawn).AsLong() : fallback;
        double Num(string key, double fallback) => o[key] is { } n ? Draw(n, random, drawn).AsDouble() : fallback;
        var decimals = Int("decimals", 3);
        double Real() => random.NextRounded(Num("min", -1), Num("max", 1), decimals);
        int Whole() => random.NextInt(Int("min", 0), Int("max", 10));
        int Length(string key) => o[key] switch
        {
            JsonArray range => random.NextInt((int)range[0].AsLong(), (int)range[1].AsLong()),
            JsonValue v when v.TryGetValue<string>(out var cols) && cols.StartsWith('$') && cols.EndsWith(".cols", StringComparison.Ordinal)
                && drawn[cols[1..^5]] is JsonArray { Count: > 0 } matrix && matrix[0] is JsonArray firstRow => firstRow.Count,
            JsonValue v when v.TryGetValue<string>(out var same) && same.StartsWith('$') && drawn[same[1..]] is JsonArray other => other.Count,
            _ => Int(key, 4),
        };
        switch (kind)
        {
            case "int":
                return Whole();
            case "double":
                return Real();
            case "ints":
                return new JsonArray([.. Enumerable.Range(0, Length("length")).Select(_ => (JsonNode)Whole())]);
            case "doubles":
                return new JsonArray([.. Enumerable.Range(0, Length("length")).Select(_ => (JsonNode)Real())]);
            case "matrix":
                var rows = Length("rows");
                var cols = Length("cols");
                return new JsonArray([.. Enumerable.Range(0, rows).Select(_ => (JsonNode)new JsonArray([.. Enumerable.Range(0, cols).Select(_ => (JsonNode)Real())]))]);
            case "choice":
                var values = o["values"] as JsonArray ?? throw new BadInputException("random.values", "a choice lists its values");
                return values[random.NextInt(0, values.Count - 1)]?.DeepClone();
            case "tree":
                var tokens = (o["tokens"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? ["a", "b", "c", "d"];
                var eos = o["eos"]?.GetValue<string>();
                return Tree(random, Int("depth", 3), Int("min_children", 1), Int("max_children", 3), tokens, eos, Num("eos_rate", 0.25), decimals, 0);
            default:
                throw new BadInputException("random", $"unknown random kind '{kind}' (int, double, ints, doubles, matrix, choice, tree)");
        }
    }

    /// <summary>A tree of next-token log-probabilities as the beam-search solver reads it; siblings have distinct tokens.</summary>
    private static JsonObject Tree(SplitMix64 random, int depth, int minChildren, int maxChildren, List<string> tokens, string? eos, double eosRate, int decimals, int level)
    {
        var node = new JsonObject();
        if (level == depth) return node;
        var count = random.NextInt(minChildren, Math.Min(maxChildren, tokens.Count + (eos is null ? 0 : 1)));
        var pool = tokens.ToList();
        random.Shuffle(pool);
        var chosen = pool.Take(count).ToList();
        if (eos is not null && level > 0 && random.NextDouble() < eosRate) chosen[^1] = eos;
        var weights = chosen.Select(_ => 0.2 + random.NextDouble()).ToList();
        var total = weights.Sum();
        var children = new JsonArray();
        for (var i = 0; i < chosen.Count; i++)
        {
            var child = chosen[i] == eos ? new JsonObject() : Tree(random, depth, minChildren, maxChildren, tokens, eos, eosRate, decimals, level + 1);
            var ordered = new JsonObject { ["token"] = chosen[i], ["logp"] = Math.Round(Math.Log(weights[i] / total), decimals, MidpointRounding.AwayFromZero) };
            if (child["children"] is JsonArray grand) ordered["children"] = grand.DeepClone();
            children.Add(ordered);
        }
        node["children"] = children;
        return node;
    }

    private static JsonNode? Substitute(JsonNode? template, JsonObject args) => template switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Substitute(kv.Value, args)))),
        JsonArray a => new JsonArray([.. a.Select(x => Substitute(x, args))]),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith('$') && args.ContainsKey(s[1..]) => args[s[1..]]?.DeepClone(),
        _ => template?.DeepClone(),
    };

    /// <summary>Follows a path such as <c>beam.sequence</c> or <c>completed[0].logp</c>.</summary>
    private static JsonNode? Path(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var index = -1;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }
            if (name.Length > 0) node = node?[name];
            if (index >= 0) node = node?[index];
        }
        return node;
    }
}
