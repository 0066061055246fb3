using Autograder.Core.Inputs;

namespace Autograder.Jobs.Sittings;

/// <summary>
/// A late policy as an instructor gives it when publishing: late submissions until a cut-off, a time or a number of
/// hours after the close (one of the two), each losing <see cref="PenaltyPercent"/> of its total, once or per started
/// day late (<see cref="PerDay"/>). The publish page and the <c>exam publish</c> command both read it here.
/// </summary>
public sealed record LatePolicyInput(DateTimeOffset? Until, double? Hours, double? PenaltyPercent, bool PerDay)
{
    public const double MaxHours = 24 * 366;

    /// <summary>The late cut-off of an exam closing at <paramref name="closes"/>, or a <see cref="BadInputException"/> naming the field that is wrong.</summary>
    public DateTimeOffset CutOff(DateTimeOffset? closes)
    {
        if (closes is not { } close) throw new BadInputException("late_until", "late submissions need a closing time: lateness is counted from the close");
        if (PenaltyPercent is not { } p || !double.IsFinite(p) || p is < 0 or > 100) throw new BadInputException("late_penalty", "must be a percent between 0 and 100");
        if (Until is not null && Hours is not null) throw new BadInputException("late_hours", "give either a late cut-off time or a number of hours after the close, not both");
        if (Hours is { } hours)
            return double.IsFinite(hours) && hours is > 0 and <= MaxHours ? close + TimeSpan.FromHours(hours) : throw new BadInputException("late_hours", $"must be more than 0 and at most {MaxHours} hours (a year)");
        if (Until is not { } until) throw new BadInputException("late_until", "is required when late submissions are accepted (or give late_hours)");
        return until > close ? until : throw new BadInputException("late_until", "must be after the close");
    }
}
