using System.Globalization;
using System.Net;
using System.Net.Mail;
using Autograder.Web.Hosting;

namespace Autograder.Web.Accounts;

/// <summary>Mails one set-password link through the configured SMTP server.</summary>
public static class LinkMail
{
    /// <returns>Whether the server took the message; a refused or unreachable server leaves the link to be exported.</returns>
    public static async Task<bool> SendAsync(SmtpSettings smtp, string to, string name, string url, DateTimeOffset expires, CancellationToken ct)
    {
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName is { Length: > 0 } user) client.Credentials = new NetworkCredential(user, smtp.Password);
        MailAddress address;
        try
        {
            address = new MailAddress(to);
        }
        catch (FormatException)
        {
            return false;
        }
        using var message = new MailMessage(new MailAddress(smtp.From), address)
        {
            Subject = "Your Autograder account",
            Body = $"Hello {name},\n\nset the password of your Autograder account with this link (it works once, until "
                + $"{expires.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}):\n\n{url}\n",
        };
        try
        {
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (SmtpException)
        {
            return false;
        }
    }
}
