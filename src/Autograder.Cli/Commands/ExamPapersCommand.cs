using Autograder.Solvers.Variants;
using System.CommandLine;
using Autograder.Core.Variants;
using Autograder.Reports.Papers;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder exam papers &lt;exam-id&gt; --roster roster.csv --seed S --out DIR</c>: a paper and an answer key per student.</summary>
internal static class ExamPapersCommand
{
    public static Command Create()
    {
        var examId = new Argument<string>("exam-id");
        var roster = new Option<string>("--roster") { Description = "Roster CSV with the columns id, name, email.", Required = true };
        var seed = new Option<long>("--seed") { Description = "The exam seed.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for <student>.tex/.pdf and <student>-key.tex/.pdf.", Required = true };
        var course = new Option<string>("--course") { Description = "The course name.", DefaultValueFactory = _ => "Deep Neural Networks" };
        var texOnly = new Option<bool>("--tex-only") { Description = "Write the .tex files without running pdflatex." };
        var command = new Command("papers", "Write every student's printable exam paper and answer key (LaTeX, compiled with pdflatex).") { examId, roster, seed, output, course, texOnly };
        command.SetAction(parse =>
        {
            var bank = CliSupport.LoadBank(parse);
            var exam = bank.Exam(parse.GetValue(examId)!);
            var students = Roster.Load(parse.GetValue(roster)!);
            var dir = parse.GetValue(output)!;
            var result = ExamPapers.Write(bank, exam, students, parse.GetValue(seed), VariantFactory.Create, dir,
                new ExamPapersOptions { Course = parse.GetValue(course)!, PdfLatex = parse.GetValue(texOnly) ? null : "pdflatex" });
            if (result.CompileProblem is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 1;
            }
            var pdfs = result.Papers.Count(p => p.PaperPdf is not null);
            Console.Out.WriteLine($"wrote {result.Papers.Count} papers and answer keys of {exam.Id} to {dir}" + (pdfs > 0 ? " (.tex and .pdf)" : " (.tex)"));
            return 0;
        });
        return command;
    }
}
