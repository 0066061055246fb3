using System.Globalization;
using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Node classification on a small undirected graph: the masked training loss as a formula in the predictions, the
/// neighbors that enter a mean-aggregation update, and the shape of the weight that maps pooled messages to states.
/// </summary>
public sealed class GnnSmallGraphSolver : ISolver
{
    public string Id => "gnn-small-graph";

    public string Description => "Masked mean BCE as a formula in the predictions, neighbor sets of asked nodes, and the W1 shape of a mean-aggregation update.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var nodes = p.Integer("nodes", min: 1);
        var labels = p.Integers("labels", min: 0);
        if (labels.Length != nodes)
        {
            throw p.Bad("labels", $"has {labels.Length} entries but there are {nodes} nodes");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 1)
            {
                throw new BadInputException($"{p.Field("labels")}[{i}]", "must be 0 or 1");
            }
        }

        var names = p.Has("names") ? p.Texts("names") : [.. Enumerable.Range(0, nodes).Select(i => ((char)('a' + i)).ToString())];
        if (names.Length != nodes)
        {
            throw p.Bad("names", $"has {names.Length} entries but there are {nodes} nodes");
        }

        var held = p.Integers("held_out", min: 1);
        if (held.FirstOrDefault(n => n > nodes) is > 0 and var outside)
        {
            throw p.Bad("held_out", $"names node {outside} but nodes are numbered 1 to {nodes}");
        }

        var neighbors = Enumerable.Range(0, nodes + 1).Select(_ => new SortedSet<int>()).ToArray();
        var edges = p.Required("edges") is JsonArray e ? e : throw p.Bad("edges", "must be an array of [i, j] pairs");
        for (var k = 0; k < edges.Count; k++)
        {
            var pair = ParamReader.ToIntegers(edges[k], $"{p.Field("edges")}[{k}]", 1);
            if (pair.Length != 2 || pair[0] > nodes || pair[1] > nodes || pair[0] == pair[1])
            {
                throw new BadInputException($"{p.Field("edges")}[{k}]", $"must be two different node numbers from 1 to {nodes}");
            }

            neighbors[pair[0]].Add(pair[1]);
            neighbors[pair[1]].Add(pair[0]);
        }

        var train = Enumerable.Range(1, nodes).Where(n => !held.Contains(n)).ToArray();
        if (train.Length == 0)
        {
            throw p.Bad("held_out", "holds back every node, so there is no training loss");
        }

        // Only the log-likelihood of the true label survives: log ŷ for a 1, log(1 − ŷ) for a 0.
        var terms = train.Select(n => labels[n - 1] == 1 ? $"log({names[n - 1]})" : $"log(1 - {names[n - 1]})");
        var formula = $"-({string.Join(" + ", terms)})/{train.Length.ToString(CultureInfo.InvariantCulture)}";

        var answers = new JsonObject
        {
            ["loss_formula"] = formula,
            ["train_nodes"] = Answer.Texts(train.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            ["train_mask"] = new JsonArray([.. Enumerable.Range(1, nodes).Select(n => (JsonNode)JsonValue.Create(!held.Contains(n)))]),
        };

        if (p.Has("predictions"))
        {
            var predictions = p.Vector("predictions");
            if (predictions.Length != nodes)
            {
                throw p.Bad("predictions", $"has {predictions.Length} entries but there are {nodes} nodes");
            }

            var total = 0.0;
            foreach (var n in train)
            {
                var likelihood = labels[n - 1] == 1 ? predictions[n - 1] : 1 - predictions[n - 1];
                if (likelihood is <= 0 or > 1)
                {
                    throw new BadInputException($"{p.Field("predictions")}[{n - 1}]", "must give the true label a probability in (0, 1]");
                }

                total -= Math.Log(likelihood);
            }

            answers["loss"] = Answer.Number(total / train.Length);
        }

        if (p.Has("asked"))
        {
            var asked = p.Integers("asked", min: 1);
            var sets = new JsonArray();
            var counts = new JsonArray();
            for (var i = 0; i < asked.Length; i++)
            {
                if (asked[i] > nodes)
                {
                    throw new BadInputException($"{p.Field("asked")}[{i}]", $"must be a node number from 1 to {nodes}");
                }

                sets.Add(Answer.Texts(neighbors[asked[i]].Select(n => n.ToString(CultureInfo.InvariantCulture))));
                counts.Add(neighbors[asked[i]].Count);
            }

            answers["neighbors"] = sets;
            answers["neighbor_counts"] = counts;
        }

        if (p.Has("state_dim") || p.Has("hidden_rows"))
        {
            // W1 turns the k-vector tanh(W2 m) into something that adds to the d-dimensional state.
            var (d, k) = (p.Integer("state_dim", min: 1), p.Integer("hidden_rows", min: 1));
            answers["w1_shape"] = Answer.Integers([d, k]);
            answers["w1_shape_transposed"] = Answer.Integers([k, d]);
        }

        return answers;
    }
}
