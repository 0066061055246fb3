using Autograder.Core.Bank;
using Autograder.Core.Variants;
using Autograder.Data.Model;
using Autograder.Core.Grading;
using Autograder.Solvers.Grading;
using Autograder.Solvers.Variants;

namespace Autograder.Jobs.Grading;

/// <summary>Grades a stored submission against its stored variants (never regenerated), through the exam grader of the solvers.</summary>
public static class SubmissionGrader
{
    public static ExamResult Grade(ProblemBank bank, Exam exam, Submission submission, Person student, IReadOnlyCollection<ExamVariant> stored) =>
        Grade(bank, exam, submission, student, stored.ToDictionary(v => v.ProblemId, ToVariant(bank), StringComparer.Ordinal));

    /// <summary>Grades against variants already solved from the stored ones (<see cref="ToVariant"/>), by problem.</summary>
    public static ExamResult Grade(ProblemBank bank, Exam exam, Submission submission, Person student, IReadOnlyDictionary<string, Variant> variants)
    {
        var definition = bank.Exam(exam.BankExamId);
        var result = ReferenceGrading.ExamGrader.Grade(bank, definition, variants, exam.Seed, student.Login, submission.Answers);
        return (result with { StudentName = student.Name, SubmittedAt = submission.SubmittedAt }).WithLate(Late(submission));
    }

    /// <summary>The late penalty fixed when the submission was taken; null when it came on time.</summary>
    public static LatePenalty? Late(Submission submission) =>
        submission.LateBy is { } by ? new LatePenalty(by, submission.LatePenaltyPercent ?? 0) : null;

    /// <summary>The variant as stored at publication; reference answers and mistakes are recomputed from its params by the current solver.</summary>
    public static Func<ExamVariant, Variant> ToVariant(ProblemBank bank) =>
        v => VariantFactory.FromParams(bank.Problem(v.ProblemId), v.Params, v.Seed, v.StudentKey);

    public static GradingResult ToRow(ExamResult result, long submissionId, TimeSpan took) => new()
    {
        SubmissionId = submissionId,
        Score = result.Score,
        Max = result.Max,
        GraderVersion = result.GraderVersion,
        GradedAt = result.GradedAt,
        DurationMs = took.TotalMilliseconds,
        Worker = Hosting.JobRuns.WorkerName,
        Document = result.ToJson(),
        Parts = [.. result.Problems.SelectMany(p => p.Parts.Select(part => new PartGrade
        {
            ProblemId = p.ProblemId,
            PartId = part.PartId,
            Score = part.Score,
            Max = part.Max,
            Feedback = part.Feedback,
            Rule = part.Rule,
            FormatError = part.FormatError,
            PendingManual = part.PendingManual,
            Answer = part.Answer,
        }))],
    };
}
