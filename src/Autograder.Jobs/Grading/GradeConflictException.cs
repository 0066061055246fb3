using Autograder.Data.Model;

namespace Autograder.Jobs.Grading;

/// <summary>
/// Another grade of the same part was saved after the one the caller saw (optimistic concurrency): nothing was stored,
/// and <see cref="Current"/> is the grade that stands, for the caller to keep or replace.
/// </summary>
public sealed class GradeConflictException(ScoreChange current)
    : Exception($"{current.By} graded this part ({current.NewScore:0.###} points) after you opened it; nothing was stored.")
{
    public ScoreChange Current { get; } = current;
}
