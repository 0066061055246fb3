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
