namespace Autograder.Cli.Tests;

public sealed class BankCommandTests
{
    [Fact]
    public void BankValidate_ExitsWith0_OnTheRepositorysBank()
    {
        var result = Cli.Run("bank", "validate");

        CliAssert.Success(result);
        Assert.StartsWith("ok:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    // parts[0] of argmax-attention ("scores") is on line 18.
    [InlineData("    type: vector\n", "    type: nmber\n", 18, "type")]
    // The parts add up to 2 + 4; the problem says 6 on line 5.
    [InlineData("    points: 2\n", "    points: 3\n", 5, "points")]
    // An unterminated double-quoted title, found on line 3.
    [InlineData("title: Argmax attention\n", "title: \"Argmax attention\n", 3, "syntax")]
    public void BankValidate_ExitsWith2NamingFileLineAndField_WhenAProblemYamlIsBroken(string find, string replace, int line, string field)
    {
        using var temp = new TempDir();
        var bank = temp.CopyOfBank();
        var file = Path.Combine(bank, "attention", "argmax-attention", "problem.yaml");
        Break(file, find, replace);

        var result = Cli.Run("bank", "validate", "--bank", bank, "--variants", "2");

        CliAssert.BadInput(result, field);
        Assert.Contains($"{file}:{line}:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BankValidate_ExitsWith2NamingTheFile_WhenAFlowSequenceIsNotClosed()
    {
        using var temp = new TempDir();
        var bank = temp.CopyOfBank();
        var file = Path.Combine(bank, "attention", "argmax-attention", "problem.yaml");
        Break(file, "topic: attention\n", "topic: [attention\n");

        var result = Cli.Run("bank", "validate", "--bank", bank, "--variants", "2");

        CliAssert.BadInput(result, file);
    }

    [Fact]
    public void BankValidate_ExitsWith1NamingTheSample_WhenASamplesExpectedScoreIsWrong()
    {
        using var temp = new TempDir();
        var bank = temp.CopyOfBank();
        // The key given for the value scores 2 + 1 = 3 (the key-not-value rule gives a quarter of 4).
        var sample = Path.Combine(bank, "attention", "argmax-attention", "samples", "key-not-value.yaml");
        Break(sample, "expected_score: 3\n", "expected_score: 5\n");

        var result = Cli.Run("bank", "validate", "--bank", bank, "--variants", "2");

        Assert.True(result.ExitCode == 1, $"expected exit 1\n{result}");
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains(sample, line, StringComparison.Ordinal);
        Assert.Contains("expected_score", line, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public void BankValidate_ExitsWith2AndOneLine_WhenTheBankFolderDoesNotExist()
    {
        using var temp = new TempDir();

        var result = Cli.Run("bank", "validate", "--bank", temp["nowhere"]);

        CliAssert.BadInput(result, "nowhere");
    }

    [Fact]
    public void BankList_NamesEveryProblemWithItsExams()
    {
        var problems = Directory.EnumerateFiles(Cli.Bank, "problem.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!))
            .ToList();

        var result = Cli.Run("bank", "list");

        CliAssert.Success(result);
        Assert.NotEmpty(problems);
        var headers = result.StdoutLines.Where(l => !l.StartsWith(' ')).ToDictionary(l => l.Split(' ', 2)[0], StringComparer.Ordinal);
        Assert.Equal(problems.Order(StringComparer.Ordinal), headers.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith("exams: fa22-hw7, fa22-midterm", headers["argmax-attention"], StringComparison.Ordinal);
        Assert.EndsWith("exams: fa22-midterm", headers["beam-search-tree"], StringComparison.Ordinal);
        Assert.EndsWith("exams: sp23-midterm", headers["linear-rnn-attention"], StringComparison.Ordinal);
        Assert.EndsWith("exams: sp23-midterm", headers["purifier-lambda-range"], StringComparison.Ordinal);
    }

    [Fact]
    public void BankList_ShowsADashForExams_WhenNoExamUsesAProblem()
    {
        using var temp = new TempDir();
        var bank = temp.CopyOfBank();
        File.Delete(Path.Combine(bank, "exams", "fa22-midterm.yaml"));
        File.Delete(Path.Combine(bank, "exams", "fa22-hw7.yaml"));

        var result = Cli.Run("bank", "list", "--bank", bank);

        CliAssert.Success(result);
        var argmax = Assert.Single(result.StdoutLines, l => l.StartsWith("argmax-attention ", StringComparison.Ordinal));
        Assert.EndsWith("exams: -", argmax, StringComparison.Ordinal);
    }

    private static void Break(string file, string find, string replace)
    {
        var text = File.ReadAllText(file).ReplaceLineEndings("\n");
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find.Trim()}' is no longer in {file}; update the test");
        File.WriteAllText(file, string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));
    }
}
