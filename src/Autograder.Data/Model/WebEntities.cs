using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;

namespace Autograder.Data.Model;

/// <summary>What an exam shows its students once graded; each flag is set by the instructor.</summary>
public sealed class ExamRelease
{
    public bool Scores { get; set; }
    public bool Feedback { get; set; }
    public bool ReferenceAnswers { get; set; }
    public bool Reports { get; set; }
}

/// <summary>A web account: exactly one per person who signs in; roles come from the person's enrollments.</summary>
public sealed class WebUser : IdentityUser
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
}

/// <summary>A one-time link that sets an account's password; only its hash is stored.</summary>
public sealed class AccountLink
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A personal access token for scripts and the API: acts with its owner's roles; only its hash is stored.</summary>
public sealed class PersonalAccessToken
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>
/// One student's sitting of one exam: when they first opened it (the start of a time limit), their saved draft,
/// and their accommodation (extra time, or a window of their own).
/// </summary>
public sealed class ExamSitting
{
    public long Id { get; set; }
    public long ExamId { get; set; }
    public Exam? Exam { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTimeOffset? FirstOpenedAt { get; set; }
    public JsonObject? Draft { get; set; }
    public DateTimeOffset? DraftSavedAt { get; set; }
    public int ExtraTimePercent { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    // No longer written: one auto-submit sweep replaced the per-sitting jobs; kept so that older rows still load.
    public string? AutoSubmitJobId { get; set; }
}

/// <summary>A data-protection key shared by every web node (cookies and antiforgery tokens stay valid across nodes).</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
