using System.Net;
using System.Net.Sockets;
using System.Text;
using Autograder.Web.Accounts;
using Autograder.Web.Hosting;

namespace Autograder.Web.Tests.Accounts;

public sealed class LinkMailTests
{
    /// <summary>Just enough of an SMTP server on loopback to take one message and keep what it was sent.</summary>
    private sealed class SmtpSink : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);

        public SmtpSink()
        {
            listener.Start();
            Received = Task.Run(ReceiveAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
        public Task<string> Received { get; }

        private async Task<string> ReceiveAsync()
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var data = new StringBuilder();
            await writer.WriteLineAsync("220 sink ready");
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("354 go on");
                    while (await reader.ReadLineAsync() is { } body && body != ".") data.AppendLine(body);
                    await writer.WriteLineAsync("250 queued");
                }
                else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("221 bye");
                    break;
                }
                else
                {
                    data.AppendLine(line);
                    await writer.WriteLineAsync("250 ok");
                }
            }
            return data.ToString();
        }

        public void Dispose() => listener.Stop();
    }

    [Fact]
    public async Task SendAsync_MailsTheLinkToTheRosterAddress_WhenAServerIsConfigured()
    {
        using var sink = new SmtpSink();
        var url = "http://127.0.0.1:5000/account/set-password?token=abc123";

        var sent = await LinkMail.SendAsync(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, From = "grader@example.edu" },
            "s001@example.edu", "Ada", url, DateTimeOffset.UtcNow.AddDays(14), default);

        Assert.True(sent);
        var received = await sink.Received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("<s001@example.edu>", received, StringComparison.Ordinal);
        // The body travels quoted-printable: soft line breaks and =3D for '=' are undone as a mail reader would.
        var body = received.Replace("=" + Environment.NewLine, "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        Assert.Contains(url, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LeavesTheLinkToBeExported_WhenTheAddressCannotBeMailed()
    {
        using var sink = new SmtpSink();

        var sent = await LinkMail.SendAsync(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port }, "not an address", "Ada",
            "http://127.0.0.1/x", DateTimeOffset.UtcNow, default);

        Assert.False(sent);
    }
}
