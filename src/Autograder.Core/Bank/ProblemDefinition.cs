using System.Text.Json.Nodes;

namespace Autograder.Core.Bank;

/// <summary>One problem of the bank, as loaded from <c>problem-bank/&lt;topic&gt;/&lt;id&gt;/</c>.</summary>
public sealed record ProblemDefinition(
    string Id,
    int Version,
    string Title,
    string Topic,
    double Points,
    string Solver,
    GeneratorSpec Generator,
    JsonObject? Canonical,
    IReadOnlyList<PartDefinition> Parts,
    string Statement,
    string Directory,
    IReadOnlyList<SampleSubmission> Samples)
{
    public PartDefinition? Part(string id) => Parts.FirstOrDefault(p => p.Id == id);
}

/// <summary>The generator family that makes a variant's params, and its options from problem.yaml.</summary>
public sealed record GeneratorSpec(string Id, JsonObject Options);

public enum AnswerType
{
    Number,
    Integer,
    Vector,
    Matrix,
    Shape,
    Interval,
    Choice,
    Multi,
    Tokens,
    Formula,
    Complexity,
    Manual,
    Property,
    /// <summary>C# source run in the sandbox against the code question of the same id (<c>question.yaml</c>).</summary>
    Code,
}

/// <summary>
/// One graded part. The reference is either <see cref="Answer"/>, a path into the variant
/// (<c>answers.beam.sequence</c>, <c>params.d</c>), or <see cref="Value"/>, a literal whose strings may use
/// <c>{{ params.x }}</c>.
/// </summary>
public sealed record PartDefinition(
    string Id,
    string Prompt,
    AnswerType Type,
    double Points,
    string? Answer,
    JsonNode? Value,
    CheckOptions Options,
    IReadOnlyList<FeedbackRule> Feedback,
    CarryForward? CarryForward,
    IReadOnlyList<RubricItem> Rubric);

/// <summary>
/// Type-specific checking options; unset ones take the defaults below. <see cref="Property"/> names the checker
/// of a <c>property</c> part (see <see cref="Checking.PropertyCheckers"/>).
/// </summary>
public sealed record CheckOptions(
    double RelativeTolerance = 1e-2,
    double AbsoluteTolerance = 1e-8,
    int? SignificantFigures = null,
    IReadOnlyList<ChoiceOption>? Choices = null,
    IReadOnlyList<string>? Variables = null,
    int? Length = null,
    string? Property = null);

public sealed record ChoiceOption(string Id, string Text);

/// <summary>
/// A common mistake: when the student's answer equals the value at <see cref="Matches"/> (a path into the
/// variant, usually <c>mistakes.*</c> or another answer), the part gets <see cref="Credit"/> of its points.
/// </summary>
public sealed record FeedbackRule(string Id, string Matches, double Credit, string Message)
{
    /// <summary>A literal wrong answer (strings may use <c>{{ params.x }}</c>), used instead of <see cref="Matches"/> when set.</summary>
    public JsonNode? Value { get; init; }
}

/// <summary>
/// Error carried forward: the part is also checked against <see cref="Solver"/> run on the student's own
/// earlier answers; <see cref="Inputs"/> maps solver params to <c>part:&lt;id&gt;</c> or variant paths.
/// </summary>
public sealed record CarryForward(string Solver, IReadOnlyDictionary<string, string> Inputs, string Answer, double Credit, string Message);

public sealed record RubricItem(string Id, string Text, double Points);

/// <summary>A sample submission kept with the problem, with the score it must get.</summary>
public sealed record SampleSubmission(string File, string Name, long? Seed, string StudentId, JsonObject Answers, double ExpectedScore);

/// <summary>An exam: problems with the points they carry in it.</summary>
public sealed record ExamDefinition(string Id, string Title, string File, IReadOnlyList<ExamProblem> Problems)
{
    public double TotalPoints => Problems.Sum(p => p.Points);
}

public sealed record ExamProblem(string ProblemId, double Points);
