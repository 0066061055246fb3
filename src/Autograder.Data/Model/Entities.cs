using System.Text.Json.Nodes;

namespace Autograder.Data.Model;

public enum CourseRole
{
    Student,
    Ta,
    Instructor,
}

public enum ExamState
{
    Draft,
    Published,
    Released,
}

public enum SubmissionState
{
    Queued,
    Grading,
    Graded,
    Reported,
    Failed,
}

public enum RegradeRequestState
{
    Open,
    Accepted,
    Rejected,
}

public sealed class Course
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Enrollment> Enrollments { get; set; } = [];
    public List<Exam> Exams { get; set; } = [];
}

/// <summary>Anyone known to the service; <see cref="Login"/> is the id used in rosters and variants.</summary>
public sealed class Person
{
    public long Id { get; set; }
    public required string Login { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
}

/// <summary>A person's role in one course; the course's students are its roster.</summary>
public sealed class Enrollment
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public Course? Course { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public CourseRole Role { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
}

/// <summary>An exam or homework of the bank given in a course, with its seed and publication state.</summary>
public sealed class Exam
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public Course? Course { get; set; }
    public required string BankExamId { get; set; }
    public required string Title { get; set; }
    public long Seed { get; set; }
    public double TotalPoints { get; set; }
    public ExamState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    /// <summary>The window in which students may submit; null ends mean no bound.</summary>
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    /// <summary>Minutes from a student's first opening of the exam to their deadline (before accommodations); null: untimed.</summary>
    public int? TimeLimitMinutes { get; set; }
    public int AttemptsAllowed { get; set; } = 1;
    /// <summary>
    /// The late policy: null, a submit after the close is refused; set, submissions are taken until then (shifted with a
    /// student's own window) and marked late, their total reduced by <see cref="LatePenaltyPercent"/>.
    /// </summary>
    public DateTimeOffset? LateUntil { get; set; }
    /// <summary>Percent of the total deducted from a late submission: once, or per started day late (up to 100) when <see cref="LatePenaltyPerDay"/>.</summary>
    public double LatePenaltyPercent { get; set; }
    public bool LatePenaltyPerDay { get; set; }
    /// <summary>What students see of their graded submissions.</summary>
    public ExamRelease Release { get; set; } = new();
    public List<ExamVariant> Variants { get; set; } = [];
}

/// <summary>One student's variant of one problem of an exam: enough to grade and regrade without regenerating.</summary>
public sealed class ExamVariant
{
    public long Id { get; set; }
    public long ExamId { get; set; }
    public Exam? Exam { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string ProblemId { get; set; }
    public int Position { get; set; }
    public double Points { get; set; }
    public int ProblemVersion { get; set; }
    public required string Solver { get; set; }
    public int SolverVersion { get; set; }
    public long Seed { get; set; }
    public required string StudentKey { get; set; }
    public required JsonObject Params { get; set; }
    public required JsonObject ReferenceAnswers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A student's answers (and code) for an exam; the idempotency key is unique per course.</summary>
public sealed class Submission
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public long ExamId { get; set; }
    public Exam? Exam { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string IdempotencyKey { get; set; }
    public int Attempt { get; set; }
    public required JsonObject Answers { get; set; }
    public string? Code { get; set; }
    public string? CodeProblemId { get; set; }
    public SubmissionState State { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>How long after the student's close it came, within the exam's late window; null: on time.</summary>
    public TimeSpan? LateBy { get; set; }
    /// <summary>The late penalty fixed when it was submitted (percent of the total), applied wherever the total is made.</summary>
    public double? LatePenaltyPercent { get; set; }
    /// <summary>When a worker host's dispatcher gave it a grade job; null: stored and waiting for one (the submission is its own outbox entry).</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
    /// <summary>The Hangfire job that grades it (a batch job may grade many), so a lost job can be told from a slow one.</summary>
    public long? GradeJobId { get; set; }
    /// <summary>The W3C trace context of the request that stored it, so that its grading joins that trace.</summary>
    public string? TraceParent { get; set; }
    public DateTimeOffset? GradingStartedAt { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }
    public GradingResult? Result { get; set; }
}

/// <summary>The grade of one submission (exactly one per submission): totals and the whole result document.</summary>
public sealed class GradingResult
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public double Score { get; set; }
    public double Max { get; set; }
    public required string GraderVersion { get; set; }
    public DateTimeOffset GradedAt { get; set; }
    public double DurationMs { get; set; }
    public string? Worker { get; set; }
    /// <summary>The full exam result (ExamResult JSON), what reports are drawn from.</summary>
    public required JsonObject Document { get; set; }
    public List<PartGrade> Parts { get; set; } = [];
}

public sealed class PartGrade
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public GradingResult? Result { get; set; }
    public required string ProblemId { get; set; }
    public required string PartId { get; set; }
    public double Score { get; set; }
    public double Max { get; set; }
    public required string Feedback { get; set; }
    public string? Rule { get; set; }
    public bool FormatError { get; set; }
    public bool PendingManual { get; set; }
    public string? Answer { get; set; }
}

public enum ScoreChangeKind
{
    Override,
    ManualGrade,
}

/// <summary>The audit trail of TA changes: who, when, old, new, why.</summary>
public sealed class ScoreChange
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public required string ProblemId { get; set; }
    public required string PartId { get; set; }
    public ScoreChangeKind Kind { get; set; }
    public double OldScore { get; set; }
    public double NewScore { get; set; }
    public List<string> CheckedItems { get; set; } = [];
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }
}

public sealed class RegradeRequest
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public required string ProblemId { get; set; }
    public string? PartId { get; set; }
    public required string RequestedBy { get; set; }
    public required string Reason { get; set; }
    public RegradeRequestState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Response { get; set; }
}

public static class ReportKinds
{
    public const string Student = "student";
    public const string CourseSummary = "course-summary";
}

/// <summary>A rendered PDF: a student's report (per submission) or an exam's course summary.</summary>
public sealed class Report
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public long ExamId { get; set; }
    public long? SubmissionId { get; set; }
    public required byte[] Pdf { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
}

/// <summary>One run of a job over one subject, with its phase timestamps (queued, started, finished).</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public long SubjectId { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Worker { get; set; }
    public string? Outcome { get; set; }
    public JsonObject Output { get; set; } = [];
}
