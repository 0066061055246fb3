namespace Autograder.Solvers.Tests.Support;

/// <summary>One valid params object per solver id, for tests that run every solver.</summary>
internal static class Samples
{
    public const string Fa22BeamTree = """
        {"children": [
          {"token": "deep", "logp": -0.51, "children": [
            {"token": "deep", "logp": -0.35, "children": [{"token": "deep", "logp": -0.22}, {"token": "learn", "logp": -1.61}]},
            {"token": "learn", "logp": -1.20, "children": [{"token": "deep", "logp": -0.69}, {"token": "learn", "logp": -0.69}]}]},
          {"token": "learn", "logp": -0.91, "children": [
            {"token": "deep", "logp": -4.61, "children": [{"token": "deep", "logp": -2.30}, {"token": "learn", "logp": -0.11}]},
            {"token": "learn", "logp": -0.01, "children": [{"token": "deep", "logp": -0.05}, {"token": "learn", "logp": -2.99}]}]}]}
        """;

    public static readonly IReadOnlyDictionary<string, string> ById = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["beam-search"] = $$"""{"tree": {{Fa22BeamTree}}, "beam_width": 2}""",
        ["argmax-attention"] = """
            {"keys": [[1, 2, 0], [0, 3, 4], [5, 0, 0], [0, 0, 1]],
             "values": [[2, 0, 1], [1, 4, 3], [0, -1, 4], [1, 0, -1]],
             "query": [1, 1, 2]}
            """,
        ["softmax-attention"] = """{"keys": [[1, 0], [0, 1]], "values": [[1, 2], [3, 4]], "query": [1, 2], "scale": 0.5}""",
        ["conv-output-shape"] = """{"input": [10, 3, 32, 32], "filters": 64, "kernel": 3, "stride": 1, "padding": 1, "dilation": 1}""",
        ["cnn-layer-table"] = """{"input": [28, 28, 1], "layers": ["CONV3-10", "POOL2", "CONV3-10", "POOL2", "FLATTEN", "FC-3"]}""",
        ["receptive-field"] = """{"layers": [{"kernel": 3, "stride": 1, "dilation": 1}, {"kernel": 3, "dilation": 2}]}""",
        ["dilated-conv"] = """{"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [1, 1]], "dilation": 2, "stride": 1, "padding": 0}""",
        ["bn-simplified-gradient"] = """{"x": [1, 2, 4], "dL_dy": [0.5, -1, 2], "gamma": 2, "beta": 1}""",
        ["rnn-backprop"] = """{"w": 0.5, "u": [1, 2, 3]}""",
        ["purifier-lambda-range"] = """
            {"singular_values": [10, 8, 4, 1, 0.5, 0.36, 0.16, 0.01], "keep": 3, "preserve": 0.8, "attenuate": 0.5}
            """,
        ["purifier-losses"] = """{"X": [[-2.17, 1.98, 2.41, -2.03], [0.02, -0.01, 0.01, -0.02]], "W": [[1, 0], [0, 0]]}""",
        ["scaled-dot-product"] = """{"d": 4, "mu": 0.5, "sigma": 2}""",
        ["linear-rnn-attention"] = """
            {"W_h": [[-1, 2], [0, 1]], "W_u": [[0], [1]], "h0": [0, 0], "u": [1, 2, -1],
             "W_K": [[2, -1], [-1, 1]], "W_V": [[1, 0], [-1, 1]], "W_Q": [[3, 1], [4, 2]]}
            """,
        ["gnn-masked-bce"] = """
            {"labels": [0, 1, 1, 1, 0], "predictions": [0.3, 0.8, 0.6, 0.9, 0.2], "train_mask": [false, true, true, false, true]}
            """,
        ["adam-step"] = """
            {"beta1": 0.9, "beta2": 0.999, "eta": 0.001, "eps": 1e-8, "g": [0.5, -1], "m_prev": [0, 0.1], "v_prev": [0, 0.2], "theta_prev": [1, 2]}
            """,
    };
}
