using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Data;
using Autograder.Data.Model;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Regrading;
using Autograder.Web.Exams;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Web.Staff;

/// <summary>A rubric item as the grader sees it: its points scaled to the exam's points for the part.</summary>
public sealed record RubricLine(string Id, string Text, double Points);

/// <summary>Everything the grading page of one part shows: the answer, the variant beside it, the rubric and the part's history.</summary>
public sealed record PartSheet(
    long SubmissionId,
    long CourseId,
    string CourseCode,
    string ExamId,
    string ExamTitle,
    string Student,
    string StudentName,
    int Attempt,
    ProblemDefinition Problem,
    PartDefinition Definition,
    GradedPart Part,
    string StatementHtml,
    string PromptHtml,
    JsonObject Params,
    string? Typed,
    string? UnderstoodLatex,
    IReadOnlyList<RubricLine> Rubric,
    long Version,
    IReadOnlyList<ScoreChange> History,
    IReadOnlyList<RegradeRequest> Requests,
    bool ReportAvailable)
{
    /// <summary>A rubric's score never leaves [floor, ceiling]: no part gives less than nothing or more than its points.</summary>
    public double Floor => 0;
    public double Ceiling => Part.Max;
    public bool HasRubric => Rubric.Count > 0;
}

/// <summary>A TA's grade of one part as the page sends it: rubric items and an adjustment, or a plain score for parts without a rubric.</summary>
public sealed record PartGradeInput(IReadOnlyList<string> Items, double Adjustment, double? Score, string? Comment, long Version);

/// <summary>Reads one part of a submission for grading, and saves a TA's grade of it through the audited <see cref="TaGrading"/>.</summary>
public sealed class PartGrading(IDbContextFactory<AutograderDb> dbs, ProblemBank bank, TaGrading grading, RegradeRequests requests)
{
    public async Task<PartSheet?> SheetAsync(long submissionId, string problemId, string partId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().Include(x => x.Exam).ThenInclude(e => e!.Course).Include(x => x.Person).Include(x => x.Result)
            .SingleOrDefaultAsync(x => x.Id == submissionId, ct);
        if (s?.Result is null || !bank.Problems.TryGetValue(problemId, out var problem) || problem.Part(partId) is not { } definition) return null;
        var graded = ExamResult.FromJson(s.Result.Document).Problems.SingleOrDefault(p => p.ProblemId == problemId);
        var part = graded?.Parts.SingleOrDefault(p => p.PartId == partId);
        if (graded is null || part is null) return null;
        var variant = await db.Variants.AsNoTracking().SingleOrDefaultAsync(v => v.ExamId == s.ExamId && v.PersonId == s.PersonId && v.ProblemId == problemId, ct);
        var history = await db.ScoreChanges.AsNoTracking().Where(c => c.SubmissionId == submissionId && c.ProblemId == problemId && c.PartId == partId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var asked = await db.RegradeRequests.AsNoTracking().Where(r => r.SubmissionId == submissionId && r.ProblemId == problemId && (r.PartId == null || r.PartId == partId))
            .OrderBy(r => r.Id).ToListAsync(ct);
        var report = await db.Reports.AnyAsync(r => r.SubmissionId == submissionId && r.Kind == ReportKinds.Student, ct);
        var typed = s.Answers[problemId]?[partId] is { } answer ? answer is JsonValue v && v.TryGetValue<string>(out var text) ? text : answer.ToJsonString() : null;
        var latex = definition.Type is AnswerType.Manual or AnswerType.Code || s.Answers[problemId]?[partId] is null
            ? null
            : ExamService.Parse(definition, s.Answers[problemId]![partId]).UnderstoodLatex;
        var scale = definition.Points > 0 ? part.Max / definition.Points : 1;
        var points = await RubricEditor.PointsAsync(db, s.ExamId, problemId, partId, ct);
        var parameters = variant?.Params ?? graded.Params;
        return new PartSheet(s.Id, s.CourseId, s.Exam!.Course!.Code, s.Exam.BankExamId, s.Exam.Title, s.Person!.Login, s.Person.Name, s.Attempt,
            problem, definition, part, Statements.Html(problem, parameters, variant?.ReferenceAnswers ?? []), Statements.Html(definition.Prompt), parameters,
            typed, latex, [.. part.Rubric.Select(r => new RubricLine(r.Id, r.Text, ExamResult.Round(points.GetValueOrDefault(r.Id, r.Points) * scale)))],
            history.Count == 0 ? 0 : history[^1].Id, history, asked, report);
    }

    /// <summary>The score a grade gives: the items' points plus the adjustment (or the plain score), kept within the part's floor and ceiling.</summary>
    public static double Score(PartSheet sheet, PartGradeInput input)
    {
        if (!sheet.HasRubric) return Math.Clamp(input.Score ?? sheet.Part.Score, sheet.Floor, sheet.Ceiling);
        var total = sheet.Rubric.Where(r => input.Items.Contains(r.Id)).Sum(r => r.Points) + input.Adjustment;
        return ExamResult.Round(Math.Clamp(total, sheet.Floor, sheet.Ceiling));
    }

    /// <summary>Saves the grade unless someone saved another since <see cref="PartGradeInput.Version"/> (then <see cref="GradeConflictException"/>).</summary>
    public async Task<ScoreChange> SaveAsync(PartSheet sheet, PartGradeInput input, string by, CancellationToken ct)
    {
        var unknown = input.Items.FirstOrDefault(i => sheet.Rubric.All(r => r.Id != i));
        if (unknown is not null) throw new BadInputException("items", $"'{unknown}' is not a rubric item of this part");
        if (!sheet.HasRubric && input.Score is { } plain && (plain < sheet.Floor || plain > sheet.Ceiling + 1e-9))
            throw new BadInputException("score", $"must be between {sheet.Floor:0.###} and {sheet.Ceiling:0.###}, the part's points in this exam");
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        var reason = comment ?? (sheet.HasRubric ? Describe(sheet, input) : "Reviewed by a TA.");
        return await grading.RecordAsync(new TaGrade(sheet.SubmissionId, sheet.Problem.Id, sheet.Definition.Id, Score(sheet, input), by, reason, [.. input.Items])
        {
            ExpectedVersion = input.Version,
        }, ct);
    }

    /// <summary>Answers a regrade request beside its part: accepted with the new grade saved first, or rejected with the response alone.</summary>
    public async Task AnswerRequestAsync(PartSheet sheet, long requestId, bool accept, string? response, PartGradeInput? grade, string by, CancellationToken ct)
    {
        if (sheet.Requests.All(r => r.Id != requestId)) throw new BadInputException("request", $"regrade request {requestId} is not about this part");
        if (string.IsNullOrWhiteSpace(response)) throw new BadInputException("response", "is required: the answer the student reads");
        if (accept && grade is not null) await SaveAsync(sheet, grade with { Comment = grade.Comment ?? response }, by, ct);
        await requests.AnswerAsync(requestId, accept, by, response, ct);
    }

    private static string Describe(PartSheet sheet, PartGradeInput input)
    {
        var items = sheet.Rubric.Where(r => input.Items.Contains(r.Id)).Select(r => r.Id).ToList();
        var text = items.Count == 0 ? "No rubric item" : "Rubric: " + string.Join(", ", items);
        return input.Adjustment == 0 ? text : $"{text}; adjusted by {input.Adjustment:+0.###;-0.###}";
    }
}
