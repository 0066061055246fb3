using Autograder.Data.Model;

namespace Autograder.Jobs.Sittings;

public enum ExamPhase
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>A student's own times for an exam: their window (an accommodation may give another) and their deadline.</summary>
public sealed record StudentClock(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? Deadline, TimeSpan? TimeLimit, DateTimeOffset? FirstOpenedAt)
{
    public ExamPhase PhaseAt(DateTimeOffset now) =>
        OpensAt is { } opens && now < opens ? ExamPhase.Upcoming
        : Deadline is { } deadline && now >= deadline ? ExamPhase.Closed
        : ExamPhase.Open;

    public bool Timed => TimeLimit is not null;
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
        var deadline = closes;
        if (limit is { } l && sitting?.FirstOpenedAt is { } first)
        {
            var end = first + l;
            deadline = deadline is { } c && c < end ? c : end;
        }
        return new StudentClock(opens, closes, deadline, limit, sitting?.FirstOpenedAt);
    }
}
