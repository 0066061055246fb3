using System.Text.Json.Nodes;

namespace Autograder.Web.Api;

// JSON is snake_case (the app's serializer settings); nullable request fields are checked by the routes, which name them in 400s.

public sealed record MeCourse(string Code, string Title, string Role);
public sealed record Me(string Login, string Name, IReadOnlyList<MeCourse> Courses);

/// <summary><c>my_deadline</c>: after it a submit is 409 (the late cut-off when late submissions are taken); <c>my_due_at</c>: after it a submission is late.</summary>
public sealed record ExamItem(string Id, string Title, string State, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int? TimeLimitMinutes,
    DateTimeOffset? MyDeadline, int AttemptsUsed, int AttemptsAllowed)
{
    public DateTimeOffset? MyDueAt { get; init; }
    /// <summary>Null when the exam takes no late submissions.</summary>
    public ExamLatePolicy? LatePolicy { get; init; }
}

public sealed record ExamLatePolicy(DateTimeOffset? LateUntil, double PenaltyPercent, bool PerDay);

public sealed record VariantPart(string Id, string Type, string Prompt, double Points, string Hint);
public sealed record VariantProblem(string Id, string Title, double Points, string StatementHtml, IReadOnlyList<VariantPart> Parts);
public sealed record VariantResponse(string Exam, string Student, IReadOnlyList<VariantProblem> Problems);

public sealed record ParseRequest(string? Problem, string? Part, JsonNode? Answer);
public sealed record ParseResponse(bool Ok, string? Understood, string? UnderstoodLatex, string? Error);

public sealed record AnswersRequest(JsonObject? Answers);
public sealed record DraftSaved(DateTimeOffset SavedAt);
public sealed record DraftResponse(JsonObject Answers, DateTimeOffset? SavedAt);
public sealed record SubmitResponse(long Id, int Attempt, string State);

public sealed record SubmissionPart(string Id, double? Score, double? Max, string? Feedback, string? Rule, bool? FormatError, string? Understood, bool Pending,
    string? Reference);
public sealed record SubmissionProblem(string Id, double? Score, double? Max, IReadOnlyList<SubmissionPart> Parts);
public sealed record SubmissionRegrade(long Id, string Problem, string? Part, string Reason, string State, string? Response);
public sealed record SubmissionResponse(long Id, string Exam, string Student, int Attempt, string State, DateTimeOffset SubmittedAt, DateTimeOffset? GradedAt,
    double? Score, double? Max, IReadOnlyList<SubmissionProblem> Problems, bool ReportAvailable, IReadOnlyList<SubmissionRegrade> RegradeRequests)
{
    /// <summary>Null when it came on time; <c>score</c> is the total after the penalty, the parts' scores are raw.</summary>
    public SubmissionLate? Late { get; init; }
}

public sealed record SubmissionLate(double Minutes, double PenaltyPercent, double? RawScore);

public sealed record RegradeRequestBody(string? Problem, string? Part, string? Reason);
public sealed record RegradeRequestCreated(long Id, string State);

public sealed record SubmissionListItem(long Id, string Student, int Attempt, string State, double? Score, double? Max, DateTimeOffset SubmittedAt);
public sealed record GradeBody(string? Problem, string? Part, double? Score, IReadOnlyList<string>? RubricItems, string? Comment, string? Reason);
public sealed record RegradeRequestItem(long Id, long Submission, string Student, string Problem, string? Part, string Reason, string State);
public sealed record AnswerBody(bool? Accept, string? Response);
public sealed record AnswerResponse(long Id, string State, string? Response);
public sealed record RegradeBody(string? Problem, bool? Apply);
public sealed record RegradeChange(long Submission, string Student, string Problem, string Part, double Old, double New);
public sealed record RegradeResponse(int Submissions, IReadOnlyList<RegradeChange> Changes);
public sealed record ReleaseBody(bool? Scores, bool? Feedback, bool? ReferenceAnswers, bool? Reports);
public sealed record ReleaseResponse(bool Scores, bool Feedback, bool ReferenceAnswers, bool Reports);
public sealed record AccountLinkItem(string Login, string Name, string State, DateTimeOffset? ExpiresAt, string? Url);
