namespace Autograder.Data.Model;

/// <summary>
/// A TA's hold on one part of one submission while they grade it, so that "next" never hands it to another TA;
/// one row per part (unique), taken over once it lapses at <see cref="ExpiresAt"/>.
/// </summary>
public sealed class GradingClaim
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public required string ProblemId { get; set; }
    public required string PartId { get; set; }
    public required string ClaimedBy { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A TA's grade of a whole answer group: every answer to one part that reads the same (or is equivalent) gets it,
/// including submissions graded later, each through the audited TA grade.
/// </summary>
public sealed class AnswerGroupGrade
{
    public long Id { get; set; }
    public long ExamId { get; set; }
    public Exam? Exam { get; set; }
    public required string ProblemId { get; set; }
    public required string PartId { get; set; }
    /// <summary>The group's normalized answer, as the parser understood it.</summary>
    public required string Key { get; set; }
    /// <summary>An answer of the group as typed, read again to place new answers.</summary>
    public required string Representative { get; set; }
    public double Score { get; set; }
    public List<string> CheckedItems { get; set; } = [];
    public string? Comment { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A rubric item's points changed in one exam after grading began (in the problem's points, like the bank's); every
/// grade that checked the item is recomputed through the audited TA grade. The latest change of an item wins.
/// </summary>
public sealed class RubricChange
{
    public long Id { get; set; }
    public long ExamId { get; set; }
    public Exam? Exam { get; set; }
    public required string ProblemId { get; set; }
    public required string PartId { get; set; }
    public required string ItemId { get; set; }
    public double OldPoints { get; set; }
    public double NewPoints { get; set; }
    public int ScoresChanged { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
