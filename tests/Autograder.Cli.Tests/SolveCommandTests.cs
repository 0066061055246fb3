using System.Text.Json.Nodes;

namespace Autograder.Cli.Tests;

public sealed class SolveCommandTests
{
    private static readonly string[] ContractIds =
    [
        "beam-search", "argmax-attention", "softmax-attention", "conv-output-shape", "cnn-layer-table",
        "receptive-field", "dilated-conv", "bn-simplified-gradient", "rnn-backprop", "purifier-lambda-range",
        "purifier-losses", "scaled-dot-product", "linear-rnn-attention", "gnn-masked-bce", "adam-step",
    ];

    [Theory]
    // Spring 2023 Q3a, second configuration: floor((32 - 4) / 2) + 1 = 15.
    [InlineData("conv-output-shape", """{"input":[10,3,32,32],"filters":64,"kernel":4,"stride":2}""", "output", "[10,64,15,15]")]
    // Fall 2022 Q6a: scores 3, 11, 5, 2, so the second value.
    [InlineData("argmax-attention", """{"keys":[[1,2,0],[0,3,4],[5,0,0],[0,0,1]],"values":[[2,0,1],[1,4,3],[0,-1,4],[1,0,-1]],"query":[1,1,2]}""", "output", "[1,4,3]")]
    // Spring 2023 Q10c: keep 100/(100+λ) >= 0.8 on σ=4 gives λ <= 4; 1/(1+λ) <= 0.5 on σ=1 gives λ >= 1.
    [InlineData("purifier-lambda-range", """{"singular_values":[10,8,4,1,0.5,0.36,0.16,0.01],"keep":3,"preserve":0.8,"attenuate":0.5}""", "interval", """{"low":1,"high":4,"low_inclusive":true,"high_inclusive":true}""")]
    public void Solve_PrintsTheContractAnswer_WhenParamsAreValid(string solver, string parameters, string key, string expected)
    {
        var result = Cli.Run("solve", solver, "--params", parameters);

        CliAssert.Success(result);
        Assert.Single(result.StdoutLines);
        CliAssert.JsonNear(expected, result.Json[key]);
    }

    [Fact]
    public void Solve_ReadsParamsFromAFile_WhenGivenAtFile()
    {
        using var temp = new TempDir();
        // Spelled over several lines, so a response-file expansion of @file would split it into bad arguments.
        var file = temp.Write("params.json", """
            {
              "input": [10, 3, 32, 32],
              "filters": 64,
              "kernel": 3,
              "stride": 1,
              "padding": 1
            }
            """);

        var result = Cli.Run("solve", "conv-output-shape", "--params", "@" + file);

        CliAssert.Success(result);
        CliAssert.JsonNear("[10,64,32,32]", result.Json["output"]);
    }

    [Fact]
    public void Solve_ReadsParamsFromStdin_WhenGivenAtDash()
    {
        var result = Cli.RunWithStdin("""{"input": [1, 1, 7, 7], "filters": 2, "kernel": 3, "dilation": 2}""", "solve", "conv-output-shape", "--params", "@-");

        CliAssert.Success(result);
        // 7 - 2·(3 − 1) = 3.
        CliAssert.JsonNear("[1,2,3,3]", result.Json["output"]);
    }

    [Theory]
    [InlineData("""{"input":[10,3,32,32],"kernel":4}""", "filters")]
    [InlineData("""{"input":[10,3,32,32],"filters":64,"kernel":"four"}""", "kernel")]
    [InlineData("""{"input":[10,3,32,32],"filters":64,"kernel":4,"stride":0}""", "stride")]
    [InlineData("""[10,3,32,32]""", "--params")]
    public void Solve_ExitsWith2AndOneLine_WhenAParamIsMissingOrWrong(string parameters, string field)
    {
        var result = Cli.Run("solve", "conv-output-shape", "--params", parameters);

        CliAssert.BadInput(result, field);
    }

    [Fact]
    public void Solve_ExitsWith2AndOneLine_WhenParamsAreNotJson()
    {
        var result = Cli.Run("solve", "conv-output-shape", "--params", "{input: [10, 3, 32, 32]");

        CliAssert.BadInput(result, "--params");
    }

    [Fact]
    public void Solve_ExitsWith2AndOneLine_WhenTheParamsFileDoesNotExist()
    {
        using var temp = new TempDir();

        var result = Cli.Run("solve", "conv-output-shape", "--params", "@" + temp["missing.json"]);

        CliAssert.BadInput(result, "--params");
        Assert.Contains("missing.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_ExitsWith2AndOneLine_WhenTheSolverIdIsUnknown()
    {
        var result = Cli.Run("solve", "conv-output-shapez", "--params", "{}");

        CliAssert.BadInput(result, "solver");
        Assert.Contains("conv-output-shapez", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_ExitsWith2AndOneLine_WhenNoSolverIsNamed()
    {
        var result = Cli.Run("solve");

        CliAssert.BadInput(result, "solver-id");
    }

    [Fact]
    public void Solve_ListsEveryContractSolver_WhenAskedForTheList()
    {
        var result = Cli.Run("solve", "--list");

        CliAssert.Success(result);
        var listed = result.StdoutLines.Select(l => l.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(ContractIds, id => Assert.Contains(id, listed));
        Assert.All(result.StdoutLines, l => Assert.True(l.Split(' ', 2, StringSplitOptions.TrimEntries) is [_, { Length: > 0 }], $"no description on '{l}'"));
    }

    [Fact]
    public void Solve_AnswersEveryLineInOrder_WhenABatchMixesGoodAndBadLines()
    {
        using var temp = new TempDir();
        var file = temp.Write("batch.jsonl", """
            {"solver": "conv-output-shape", "params": {"input": [10, 3, 32, 32], "filters": 64, "kernel": 4, "stride": 2}}
            {"solver": "conv-output-shape", "params": {"input": [10, 3, 32, 32]
            {"solver": "no-such-solver", "params": {}}
            {"solver": "conv-output-shape", "params": {"input": [10, 3, 32, 32], "kernel": 4}}
            {"solver": "rnn-backprop", "params": {"w": 2, "u": [1, -1, 3]}}
            """);

        var result = Cli.Run("solve", "--batch", file);

        CliAssert.Success(result);
        var lines = result.StdoutLines.Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(5, lines.Length);
        CliAssert.JsonNear("[10,64,15,15]", lines[0]["answers"]!["output"]);
        Assert.Contains("JSON", Error(lines[1]), StringComparison.Ordinal);
        Assert.Contains("no-such-solver", Error(lines[2]), StringComparison.Ordinal);
        Assert.Contains("filters", Error(lines[3]), StringComparison.Ordinal);
        // h = 2, 2, 10; dh/dw = 1, (−1 + 2) + 2·1 = 3, (3 + 2) + 2·3 = 11.
        CliAssert.JsonNear("10", lines[4]["answers"]!["y"]);
        CliAssert.JsonNear("11", lines[4]["answers"]!["dy_dw"]);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public void Solve_ReadsTheBatchFromStdin_WhenGivenDash()
    {
        const string input = """
            {"solver": "scaled-dot-product", "params": {"d": 2, "mu": 0, "sigma": 1}}
            not json at all
            {"solver": "argmax-attention", "params": {"keys": [[1, 0], [0, 1]], "values": [[5, 6], [7, 8]], "query": [0, 3]}}
            """;

        var result = Cli.RunWithStdin(input, "solve", "--batch", "-");

        CliAssert.Success(result);
        var lines = result.StdoutLines.Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(3, lines.Length);
        // d·μ² = 0 and d·(σ⁴ + 2σ²μ²) = 2.
        CliAssert.JsonNear("0", lines[0]["answers"]!["mean"]);
        CliAssert.JsonNear("2", lines[0]["answers"]!["variance"]);
        Assert.NotNull(Error(lines[1]));
        CliAssert.JsonNear("[7,8]", lines[2]["answers"]!["output"]);
    }

    [Fact]
    public void Solve_ExitsWith2AndOneLine_WhenTheBatchFileDoesNotExist()
    {
        using var temp = new TempDir();

        var result = Cli.Run("solve", "--batch", temp["missing.jsonl"]);

        CliAssert.BadInput(result, "--batch");
    }

    /// <summary>Held-out cases written from docs/contracts/solvers.md alone and worked by hand, run through one batch.</summary>
    [Fact]
    public void Solve_MatchesHandWorkedAnswers_ForHeldOutCasesInABatch()
    {
        using var temp = new TempDir();
        var file = temp.Write("held-out.jsonl", string.Join('\n',
            // Root: a −0.2, b −0.4, c −0.9; under a: x −1.5, y −1.6; under b: x −1.2, y −2.0; under c: x −0.1, y −3.0.
            """{"solver":"beam-search","params":{"beam_width":2,"tree":{"children":[{"token":"a","logp":-0.2,"children":[{"token":"x","logp":-1.5},{"token":"y","logp":-1.6}]},{"token":"b","logp":-0.4,"children":[{"token":"x","logp":-1.2},{"token":"y","logp":-2.0}]},{"token":"c","logp":-0.9,"children":[{"token":"x","logp":-0.1},{"token":"y","logp":-3.0}]}]}}}""",
            """{"solver":"receptive-field","params":{"layers":[{"kernel":3},{"kernel":3,"stride":2},{"kernel":3,"dilation":2}]}}""",
            """{"solver":"dilated-conv","params":{"input":[[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]],"kernel":[[1,0],[0,-1]],"dilation":2,"padding":1,"stride":2}}""",
            """{"solver":"adam-step","params":{"beta1":0.5,"beta2":0.75,"eta":0.1,"g":[2,-4],"m_prev":[0,2],"v_prev":[4,0],"theta_prev":[1,1]}}""",
            """{"solver":"gnn-masked-bce","params":{"labels":[1,0,1,0],"predictions":[0.8,0.4,0.3,0.9],"train_mask":[true,true,false,false]}}""",
            """{"solver":"scaled-dot-product","params":{"d":4,"mu":1,"sigma":2}}""",
            """{"solver":"bn-simplified-gradient","params":{"x":[1,2,6],"dL_dy":[1,0,2],"gamma":3,"beta":5}}""",
            """{"solver":"purifier-losses","params":{"X":[[1,0],[0,2]],"W":[[1,0],[0,0.5]]}}""",
            """{"solver":"softmax-attention","params":{"keys":[[1,0],[0,1]],"values":[[10,0],[0,10]],"query":[1,1]}}""",
            """{"solver":"cnn-layer-table","params":{"input":[8,8,3],"layers":["CONV3-4","POOL2","FLATTEN","FC-10"]}}"""));

        var result = Cli.Run("solve", "--batch", file);

        CliAssert.Success(result);
        var answers = result.StdoutLines.Select(l => JsonNode.Parse(l)!["answers"] ?? throw new InvalidOperationException($"not answered: {l}")).ToArray();
        Assert.Equal(10, answers.Length);

        // Greedy takes a (−0.2), then x: −1.7. Exhaustive: c x = −1.0 is the best of the six paths.
        // Beam 2 keeps a, b (c is dropped at −0.9), then b x −1.6 and a x −1.7, both leaves, so the width reaches 0.
        var beam = answers[0];
        CliAssert.JsonNear("""{"sequence":["a","x"],"logp":-1.7}""", beam["greedy"]);
        CliAssert.JsonNear("""{"sequence":["c","x"],"logp":-1.0}""", beam["exhaustive"]);
        CliAssert.JsonNear("""{"sequence":["b","x"],"logp":-1.6}""", beam["beam"]);
        CliAssert.JsonNear("""[{"sequence":["b","x"],"logp":-1.6},{"sequence":["a","x"],"logp":-1.7}]""", beam["completed"]);
        CliAssert.JsonNear("""[[{"sequence":["a"],"logp":-0.2},{"sequence":["b"],"logp":-0.4}],[{"sequence":["b","x"],"logp":-1.6},{"sequence":["a","x"],"logp":-1.7}]]""", beam["beam_steps"]);

        // r = 1 + (3−1)·1 = 3; + (3−1)·1 = 5, jump 2; the dilated kernel spans 5, so + (5−1)·2 = 13.
        CliAssert.JsonNear("13", answers[1]["size"]);

        // Padded 6×6, kernel taps at (0,0) and (2,2), output floor((4 + 2 − 3) / 2) + 1 = 2 per side:
        // (0,0) 0 − 6, (0,1) 0 − 8, (1,0) 0 − 14, (1,1) 6 − 16.
        CliAssert.JsonNear("[[-6,-8],[-14,-10]]", answers[2]["output"]);

        // m = 0.5·[0,2] + 0.5·[2,−4] = [1,−1]; v = 0.75·[4,0] + 0.25·[4,16] = [4,4]; θ = 1 ∓ 0.1·1/2.
        CliAssert.JsonNear("[1,-1]", answers[3]["m"]);
        CliAssert.JsonNear("[4,4]", answers[3]["v"]);
        CliAssert.JsonNear("[0.95,1.05]", answers[3]["theta"]);

        // Nodes 0 and 1 only: −(ln 0.8 + ln 0.6) / 2 ≈ 0.36698.
        CliAssert.Near(-(Math.Log(0.8) + Math.Log(0.6)) / 2, answers[4]["loss"]);

        // E = d·μ² = 4; Var = d·((σ² + μ²)² − μ⁴) = 4·(25 − 1) = 96.
        CliAssert.JsonNear("4", answers[5]["mean"]);
        CliAssert.JsonNear("96", answers[5]["variance"]);

        // μ_dy = 1, so dL/dx = γ·(dL/dy − 1) = 3·[0, −1, 1]; β does not enter.
        CliAssert.JsonNear("[0,-3,3]", answers[6]["dL_dx"]);

        // WX = I, X − WX = [[0,0],[0,1]]: 1; ‖W‖² = 1 + 0.25.
        CliAssert.JsonNear("1", answers[7]["reconstruction"]);
        CliAssert.JsonNear("1.25", answers[7]["regularization"]);

        // Default scale 1/√2; equal scores give equal weights and the mean of the values.
        CliAssert.JsonNear($"[{1 / Math.Sqrt(2)},{1 / Math.Sqrt(2)}]", answers[8]["scores"]);
        CliAssert.JsonNear("[0.5,0.5]", answers[8]["weights"]);
        CliAssert.JsonNear("[5,5]", answers[8]["output"]);

        // CONV3-4: 3·3·3·4 + 4 = 112, same-padded 8×8×4; POOL2: 4×4×4; FLATTEN: 64; FC-10: 64·10 + 10 = 650.
        CliAssert.JsonNear("""
            [{"layer":"CONV3-4","params":112,"activation":[8,8,4]},
             {"layer":"POOL2","params":0,"activation":[4,4,4]},
             {"layer":"FLATTEN","params":0,"activation":[64]},
             {"layer":"FC-10","params":650,"activation":[10]}]
            """, answers[9]["rows"]);
    }

    private static string Error(JsonObject line) =>
        line["error"]?.GetValue<string>() ?? throw new InvalidOperationException($"expected an error, got {line.ToJsonString()}");
}
