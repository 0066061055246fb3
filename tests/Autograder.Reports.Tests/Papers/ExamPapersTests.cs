using Autograder.Core.Grading;
using Autograder.Core.Variants;
using Autograder.Reports.Papers;
using Autograder.Reports.Tests.Support;
using Autograder.Solvers.Variants;

namespace Autograder.Reports.Tests.Papers;

public sealed class ExamPapersTests
{
    private static readonly Student[] Roster = [new("s00101", "Ada Lovelace", "ada@example.edu"), new("s00102", "Émile Borel", "emile@example.edu")];

    private static bool HasPdfLatex { get; } = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "pdflatex")));

    [Fact]
    public void Write_GivesEachStudentAPaperAndAKey_WithTheirOwnNumbers()
    {
        using var dir = new TempDir();
        var exam = Fixtures.Midterm;
        var result = ExamPapers.Write(Fixtures.Bank, exam, Roster, Fixtures.Seed, VariantFactory.Create, dir.Path, new ExamPapersOptions { CreatedAt = Fixtures.Created });

        Assert.True(HasPdfLatex, "pdflatex is not installed: .ci/run installs texlive-latex-base texlive-latex-recommended texlive-fonts-recommended");
        Assert.Null(result.CompileProblem);
        Assert.Equal(Roster.Select(s => s.Id), result.Papers.Select(p => p.StudentId));
        foreach (var (student, files) in Roster.Zip(result.Papers))
        {
            Assert.True(File.Exists(files.PaperTex) && File.Exists(files.KeyTex));
            var paper = new Pdf(File.ReadAllBytes(files.PaperPdf!));
            var key = new Pdf(File.ReadAllBytes(files.KeyPdf!));
            var paperText = PageChecks.Squash(paper.Text);
            var keyText = PageChecks.Squash(key.Text);
            Assert.Contains(PageChecks.Squash(student.Name), paperText, StringComparison.Ordinal);
            Assert.Contains(student.Id, keyText, StringComparison.Ordinal);
            foreach (var item in exam.Problems)
            {
                var problem = Fixtures.Bank.Problem(item.ProblemId);
                Assert.Contains(PageChecks.Squash(problem.Title).Replace("λ", "", StringComparison.Ordinal)[..12], paperText.Replace("λ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
            // The key holds this student's reference answer; a plain number or shape reads back as printed.
            var conv = Fixtures.Bank.Problem("conv-output-shapes");
            var variant = VariantFactory.Create(conv, Fixtures.Seed, student.Id);
            var reference = Grader.Reference(conv.Parts[0], variant).Understood!;
            Assert.Contains(PageChecks.Squash(reference), keyText, StringComparison.Ordinal);
            Assert.DoesNotContain(PageChecks.Squash(reference) + "[3]", paperText, StringComparison.Ordinal);
        }
        // Students' papers differ in their numbers.
        Assert.NotEqual(File.ReadAllText(result.Papers[0].KeyTex).Replace("s00101", "", StringComparison.Ordinal).Replace("Ada Lovelace", "", StringComparison.Ordinal),
            File.ReadAllText(result.Papers[1].KeyTex).Replace("s00102", "", StringComparison.Ordinal).Replace("\\'Emile Borel", "", StringComparison.Ordinal).Replace("Émile Borel", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_WithoutPdfLatex_KeepsTheTexFiles_AndNamesThePackagesToInstall()
    {
        using var dir = new TempDir();
        var result = ExamPapers.Write(Fixtures.Bank, Fixtures.Midterm, Roster[..1], Fixtures.Seed, VariantFactory.Create, dir.Path,
            new ExamPapersOptions { PdfLatex = "pdflatex-that-is-not-installed" });

        Assert.NotNull(result.CompileProblem);
        Assert.Contains("texlive-latex-base", result.CompileProblem, StringComparison.Ordinal);
        Assert.Contains("not found", result.CompileProblem, StringComparison.Ordinal);
        Assert.True(File.Exists(result.Papers[0].PaperTex));
        Assert.Null(result.Papers[0].PaperPdf);
    }

    [Fact]
    public void Write_WhenALatexPackageIsMissing_NamesIt()
    {
        Assert.True(HasPdfLatex, "pdflatex is not installed");
        using var dir = new TempDir();
        var templates = Path.Combine(dir.Path, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Fixtures.Bank.Root)!, "templates", "papers")))
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        File.AppendAllText(Path.Combine(templates, "preamble.tex"), "\\usepackage{autograder-package-nobody-has}\n");

        var result = ExamPapers.Write(Fixtures.Bank, Fixtures.Midterm, Roster[..1], Fixtures.Seed, VariantFactory.Create, Path.Combine(dir.Path, "out"),
            new ExamPapersOptions { TemplateDirectory = templates });

        Assert.Contains("'autograder-package-nobody-has.sty' is missing", result.CompileProblem, StringComparison.Ordinal);
        Assert.True(File.Exists(result.Papers[0].KeyTex));
    }

    [Theory]
    [InlineData("50% of x_1 & {y} #2", @"50\% of x\_1 \& \{y\} \#2")]
    [InlineData("a $x_1^2$ b", "a $x_1^2$ b")]
    [InlineData("**bold** and `code_x`", @"\textbf{bold} and \texttt{code\_x}")]
    [InlineData("$$h_t = W h_{t-1}$$", @"\[h_t = W h_{t-1}\]")]
    public void FromMarkdown_EscapesProse_AndKeepsMath(string markdown, string latex) =>
        Assert.Equal(latex, Latex.FromMarkdown(markdown));
}
