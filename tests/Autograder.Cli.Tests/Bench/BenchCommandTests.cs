namespace Autograder.Cli.Tests.Bench;

/// <summary>The load commands refuse bounds they do not run at before they start anything.</summary>
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--jobs", "99")]
    [InlineData("--jobs", "100001")]
    [InlineData("--workers", "0")]
    [InlineData("--workers", "9")]
    public void Backlog_Exits2NamingTheFlag_WhenAValueIsOutOfRange(string flag, string value)
    {
        var result = Cli.Run("bench", "backlog", flag, value, "--json");

        CliAssert.BadInput(result, flag);
    }

    [Theory]
    [InlineData("--students", "0")]
    [InlineData("--minutes", "2")]
    [InlineData("--worker-processes", "9")]
    public void Exam_Exits2NamingTheFlag_WhenAValueIsOutOfRange(string flag, string value)
    {
        var result = Cli.Run("bench", "exam", flag, value);

        CliAssert.BadInput(result, flag);
    }
}
