namespace Autograder.Cli.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--processes", "0")]
    [InlineData("--processes", "1,9")]
    [InlineData("--processes", "1,two")]
    [InlineData("--processes", "2,2")]
    [InlineData("--processes", "")]
    [InlineData("--submissions", "9")]
    [InlineData("--submissions", "5001")]
    [InlineData("--jobs", "0")]
    [InlineData("--jobs", "17")]
    public void BenchWorkers_ExitsTwoNamingTheFlag_WhenAValueIsOutOfRange(string flag, string value) =>
        CliAssert.BadInput(Cli.Run("bench", "workers", flag, value), flag);
}
