using Autograder.Data.Model;
using Autograder.Jobs.Sittings;

namespace Autograder.Jobs.Tests.Sittings;

public sealed class ExamClockTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static Exam Exam(DateTimeOffset? lateUntil = null, double penalty = 10, bool perDay = true, int? timeLimit = null) => new()
    {
        BankExamId = "sp23-midterm",
        Title = "Midterm",
        OpensAt = Opens,
        ClosesAt = Closes,
        TimeLimitMinutes = timeLimit,
        LateUntil = lateUntil,
        LatePenaltyPercent = lateUntil is null ? 0 : penalty,
        LatePenaltyPerDay = perDay,
    };

    [Fact]
    public void For_NoLatePolicy_DeadlineIsTheClose_AndNothingIsLate()
    {
        var clock = ExamClock.For(Exam(), null);

        Assert.Equal((Closes, Closes), (clock.Deadline, clock.DueAt));
        Assert.Null(clock.LateFrom);
        Assert.Null(clock.LateUntil);
        Assert.Null(clock.LateBy(Closes.AddHours(1)));
        Assert.Equal(ExamPhase.Closed, clock.PhaseAt(Closes));
    }

    [Fact]
    public void For_LatePolicy_TakesSubmitsUntilTheCutOff_AndMarksThoseAfterTheCloseLate()
    {
        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(3)), null);

        Assert.Equal(Closes.AddDays(3), clock.Deadline);
        Assert.Equal(Closes, clock.DueAt);
        Assert.Equal(ExamPhase.Open, clock.PhaseAt(Closes.AddDays(1)));
        Assert.Equal(ExamPhase.Closed, clock.PhaseAt(Closes.AddDays(3)));
        Assert.Null(clock.LateBy(Closes.AddMinutes(-1)));
        Assert.False(clock.IsLateAt(Closes));
        Assert.Equal(TimeSpan.FromHours(30), clock.LateBy(Closes.AddHours(30)));
    }

    [Fact]
    public void LateBy_IsNeverMoreThanTheLateWindow_WhenTheSubmitComesAfterTheCutOff()
    {
        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(2)), null);

        Assert.Equal(TimeSpan.FromDays(2), clock.LateBy(Closes.AddDays(2).AddSeconds(5)));
    }

    [Fact]
    public void For_AnotherWindow_ShiftsTheLateCutOffByAsMuch()
    {
        var sitting = new ExamSitting { OpensAt = Opens.AddDays(2), ClosesAt = Closes.AddDays(2) };

        var clock = ExamClock.For(Exam(lateUntil: Closes.AddHours(48)), sitting);

        Assert.Equal(Closes.AddDays(2), clock.DueAt);
        Assert.Equal(Closes.AddDays(2).AddHours(48), clock.Deadline);
        Assert.Equal(clock.Deadline, clock.LateUntil);
        Assert.Null(clock.LateBy(Closes.AddDays(1)));
    }

    [Fact]
    public void For_TimedExam_TheTimeLimitStillEndsTheSitting_InsideTheLateWindow()
    {
        var started = Closes.AddMinutes(-30);
        var sitting = new ExamSitting { FirstOpenedAt = started, ExtraTimePercent = 50 };

        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(1), timeLimit: 60), sitting);

        // 60 minutes and half again, from 30 minutes before the close: late for the last hour.
        Assert.Equal(started.AddMinutes(90), clock.Deadline);
        Assert.Equal(Closes, clock.LateFrom);
        Assert.Equal(TimeSpan.FromMinutes(20), clock.LateBy(Closes.AddMinutes(20)));
        Assert.Equal(ExamPhase.Closed, clock.PhaseAt(started.AddMinutes(90)));
    }

    [Fact]
    public void For_TimedSittingThatEndsBeforeTheClose_IsNeverLate()
    {
        var sitting = new ExamSitting { FirstOpenedAt = Closes.AddHours(-5) };

        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(1), timeLimit: 60), sitting);

        Assert.Equal(Closes.AddHours(-4), clock.Deadline);
        Assert.Null(clock.LateFrom);
        Assert.Null(clock.LateBy(Closes.AddHours(-4)));
    }

    [Fact]
    public void For_TimedExamStartedInTheLateWindow_EndsAtTheCutOffAtTheLatest()
    {
        var sitting = new ExamSitting { FirstOpenedAt = Closes.AddHours(23) };

        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(1), timeLimit: 120), sitting);

        Assert.Equal(Closes.AddDays(1), clock.Deadline);
        Assert.Equal(TimeSpan.FromHours(23.5), clock.LateBy(Closes.AddHours(23.5)));
    }

    [Theory]
    [InlineData(10, true, 1, 10)]
    [InlineData(10, true, 24 * 60, 10)]
    [InlineData(10, true, 24 * 60 + 1, 20)]
    [InlineData(10, true, 3 * 24 * 60 - 1, 30)]
    [InlineData(40, true, 5 * 24 * 60, 100)]
    [InlineData(25, false, 1, 25)]
    [InlineData(25, false, 9 * 24 * 60, 25)]
    public void PenaltyFor_DeductsPerStartedDayOrOnce_NeverAbove100(double percent, bool perDay, int minutesLate, double expected)
    {
        var clock = ExamClock.For(Exam(lateUntil: Closes.AddDays(10), penalty: percent, perDay: perDay), null);

        Assert.Equal(expected, clock.PenaltyFor(TimeSpan.FromMinutes(minutesLate)), 9);
    }
}
