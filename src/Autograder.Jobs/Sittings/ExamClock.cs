using Autograder.Data.Model;

namespace Autograder.Jobs.Sittings;

public enum ExamPhase
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>
/// A student's own times for an exam: their window (an accommodation may give another) and their deadline, the last
/// moment a submit is taken (the late cut-off when the exam takes late submissions; the end of their time when timed).
/// </summary>
public sealed record StudentClock(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? Deadline, TimeSpan? TimeLimit, DateTimeOffset? FirstOpenedAt)
{
    /// <summary>Set when late submissions are possible for this student: their close, after which a submission (up to <see cref="Deadline"/>) is late.</summary>
    public DateTimeOffset? LateFrom { get; init; }

    /// <summary>The student's late cut-off when the exam takes late submissions (their own window shifts it); a time limit may end the sitting sooner.</summary>
    public DateTimeOffset? LateUntil { get; init; }

    /// <summary>Percent of the total a late submission loses: once, or per started day late when <see cref="LatePenaltyPerDay"/>.</summary>
    public double LatePenaltyPercent { get; init; }

    public bool LatePenaltyPerDay { get; init; }

    /// <summary>After it a submission is late; the deadline itself when the exam takes no late submissions.</summary>
    public DateTimeOffset? DueAt => LateFrom ?? Deadline;

    /// <summary>The late window is part of the open phase: a submit is taken until <see cref="Deadline"/>, late or not.</summary>
    public ExamPhase PhaseAt(DateTimeOffset now) =>
        OpensAt is { } opens && now < opens ? ExamPhase.Upcoming
        : Deadline is { } deadline && now >= deadline ? ExamPhase.Closed
        : ExamPhase.Open;

    public bool Timed => TimeLimit is not null;

    public bool IsLateAt(DateTimeOffset now) => LateBy(now) is not null;

    /// <summary>How late a submission at <paramref name="now"/> is (never past the deadline); null when on time.</summary>
    public TimeSpan? LateBy(DateTimeOffset now)
    {
        if (LateFrom is not { } from || now <= from) return null;
        var end = Deadline is { } deadline && deadline < now ? deadline : now;
        return end - from;
    }

    /// <summary>The percent of the total deducted for being <paramref name="late"/>: flat, or per started day, never above 100.</summary>
    public double PenaltyFor(TimeSpan late) => late <= TimeSpan.Zero ? 0
        : Math.Min(100, LatePenaltyPerDay ? LatePenaltyPercent * Math.Ceiling(late.TotalDays) : LatePenaltyPercent);
}

/// <summary>Deadlines in one place: the web pages, the submit route and the auto-submit job all ask here.</summary>
public static class ExamClock
{
    public static StudentClock For(Exam exam, ExamSitting? sitting)
    {
        var opens = sitting?.OpensAt ?? exam.OpensAt;
        var closes = sitting?.ClosesAt ?? exam.ClosesAt;
        TimeSpan? limit = exam.TimeLimitMinutes is { } minutes
            ? TimeSpan.FromMinutes(minutes * (1 + (sitting?.ExtraTimePercent ?? 0) / 100.0))
            : null;
        // The late window follows the student's own close: another window shifts the cut-off by as much.
        DateTimeOffset? lateUntil = exam.LateUntil is { } until && exam.ClosesAt is { } examCloses && closes is { } c0 ? c0 + (until - examCloses) : null;
        var deadline = lateUntil ?? closes;
        if (limit is { } l && sitting?.FirstOpenedAt is { } first)
        {
            // The time limit still ends the sitting, inside the late window too.
            var end = first + l;
            deadline = deadline is { } c && c < end ? c : end;
        }
        return new StudentClock(opens, closes, deadline, limit, sitting?.FirstOpenedAt)
        {
            LateUntil = lateUntil,
            LateFrom = lateUntil is not null && closes is { } due && deadline is { } d && due < d ? due : null,
            LatePenaltyPercent = exam.LatePenaltyPercent,
            LatePenaltyPerDay = exam.LatePenaltyPerDay,
        };
    }
}
