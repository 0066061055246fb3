using System.Text.Json.Nodes;

namespace Autograder.Sandbox.Grading;

/// <summary>The verdict of one test: <see cref="Verdicts"/> spelling, a message (the first difference for visible tests), points.</summary>
public sealed record CodeTestResult(string Name, string Verdict, string Message, double Score, double Max, bool Visible);

/// <summary>Where the time of one grading went, in milliseconds.</summary>
public sealed record CodeTimings(double CompileMs, double RunMs, double TotalMs);

/// <summary>
/// The result of grading one submission. <see cref="Verdict"/> is the compile-stage verdict when compiling failed,
/// else the worst test verdict. <see cref="ToJson"/> gives exactly what <c>autograder run-code</c> prints.
/// </summary>
public sealed record CodeRunResult(string Verdict, double Score, double Max, string? Message, IReadOnlyList<CodeTestResult> Tests, CodeTimings Timings)
{
    /// <summary>"ran without isolation: &lt;layers&gt;" when the grader ran with layers missing (a development setting); else null.</summary>
    public string? Isolation { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["verdict"] = Verdict,
            ["score"] = Score,
            ["max"] = Max,
        };
        if (Message is not null) json["message"] = Message;
        if (Isolation is not null) json["isolation"] = Isolation;
        json["tests"] = new JsonArray([.. Tests.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["verdict"] = t.Verdict,
            ["message"] = t.Message,
            ["score"] = t.Score,
            ["max"] = t.Max,
        })]);
        json["timings"] = new JsonObject
        {
            ["compile_ms"] = Math.Round(Timings.CompileMs, 1),
            ["run_ms"] = Math.Round(Timings.RunMs, 1),
            ["total_ms"] = Math.Round(Timings.TotalMs, 1),
        };
        return json;
    }
}
