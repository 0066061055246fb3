namespace Autograder.Web.Hosting;

/// <summary>Settings of the web app (configuration section <c>Web</c>, e.g. <c>Web__RateLimits__SubmitPerMinute</c>).</summary>
public sealed class WebSettings
{
    public const string Section = "Web";

    /// <summary>The address people reach the app at, for the set-password links; default: the address of the request.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>How long a set-password link stays valid.</summary>
    public TimeSpan AccountLinkLifetime { get; set; } = TimeSpan.FromDays(14);
    /// <summary>How often a signed-in browser is checked against the account (sign-out everywhere takes effect within it).</summary>
    public TimeSpan SecurityStampInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
    public RateLimitSettings RateLimits { get; set; } = new();
    /// <summary>A mail server for the set-password links; none by default (the instructor exports the links instead).</summary>
    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary><c>Web:Smtp:Host</c> set: issued set-password links are also mailed to each person's roster address.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string From { get; set; } = "autograder@localhost";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>Requests per minute: per person for submit and parse, per client address for sign-in.</summary>
public sealed class RateLimitSettings
{
    public int SubmitPerMinute { get; set; } = 10;
    public int ParsePerMinute { get; set; } = 240;
    public int SignInPerMinute { get; set; } = 20;
}
