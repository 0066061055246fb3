using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Core.Variants;
using Autograder.Data;
using Autograder.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Autograder.Jobs.Courses;

/// <summary>Courses, rosters and exams as the instructor manages them.</summary>
public sealed class CourseService(IDbContextFactory<AutograderDb> dbs)
{
    public async Task<Course> CreateAsync(string code, string title, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new BadInputException("code", "is empty");
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Courses.AnyAsync(c => c.Code == code, ct)) throw new BadInputException("code", $"a course '{code}' already exists");
        var course = new Course { Code = code, Title = title, CreatedAt = DateTimeOffset.UtcNow };
        db.Courses.Add(course);
        await db.SaveChangesAsync(ct);
        return course;
    }

    public async Task<Course> FindAsync(string code, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct)
            ?? throw new BadInputException("course", $"no course '{code}' (create it with `autograder course create {code}`)");
    }

    /// <summary>Enrolls every roster row with <paramref name="role"/>; people already known are updated, nobody is enrolled twice.</summary>
    public async Task<(int Added, int Known)> ImportRosterAsync(string courseCode, IReadOnlyList<Student> roster, CourseRole role, CancellationToken ct)
    {
        var course = await FindAsync(courseCode, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var logins = roster.Select(s => s.Id).ToList();
        var people = await db.People.Where(p => logins.Contains(p.Login)).ToDictionaryAsync(p => p.Login, StringComparer.Ordinal, ct);
        var enrolled = (await db.Enrollments.Where(e => e.CourseId == course.Id && e.Role == role).Select(e => e.Person!.Login).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var student in roster)
        {
            if (!people.TryGetValue(student.Id, out var person))
            {
                person = new Person { Login = student.Id, Name = student.Name, Email = student.Email };
                db.People.Add(person);
                people[student.Id] = person;
            }
            else
            {
                person.Name = student.Name;
                person.Email = student.Email;
            }
            if (enrolled.Add(student.Id))
            {
                db.Enrollments.Add(new Enrollment { CourseId = course.Id, Person = person, Role = role, EnrolledAt = DateTimeOffset.UtcNow });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return (added, roster.Count - added);
    }

    /// <summary>The course's exam for a bank exam, created as a draft with <paramref name="seed"/> on first use.</summary>
    public async Task<Exam> ExamAsync(string courseCode, ExamDefinition definition, long seed, CancellationToken ct)
    {
        var course = await FindAsync(courseCode, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var exam = await db.Exams.SingleOrDefaultAsync(e => e.CourseId == course.Id && e.BankExamId == definition.Id, ct);
        if (exam is null)
        {
            exam = new Exam
            {
                CourseId = course.Id,
                BankExamId = definition.Id,
                Title = definition.Title,
                Seed = seed,
                TotalPoints = definition.TotalPoints,
                State = ExamState.Draft,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Exams.Add(exam);
            await db.SaveChangesAsync(ct);
        }
        else if (exam.Seed != seed)
        {
            throw new BadInputException("seed", $"exam '{definition.Id}' of course '{courseCode}' was published with seed {exam.Seed}; its variants keep that seed");
        }
        return exam;
    }

    public async Task<Exam> FindExamAsync(string courseCode, string examId, CancellationToken ct)
    {
        var course = await FindAsync(courseCode, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Exams.AsNoTracking().SingleOrDefaultAsync(e => e.CourseId == course.Id && e.BankExamId == examId, ct)
            ?? throw new BadInputException("exam", $"course '{courseCode}' has no exam '{examId}' (publish it with `autograder exam publish`)");
    }

    /// <summary>Removes a course and everything in it (submissions, results, reports).</summary>
    public async Task<bool> DeleteAsync(string code, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Courses.Where(c => c.Code == code).ExecuteDeleteAsync(ct) > 0;
    }
}
