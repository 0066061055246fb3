using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Autograder.Core.Bank;
using Autograder.Core.Grading;
using Autograder.Core.Inputs;
using Autograder.Core.Templates;
using Autograder.Core.Variants;
using Scriban;
using Scriban.Runtime;

namespace Autograder.Reports.Papers;

/// <summary>How exam papers are written and compiled.</summary>
public sealed record ExamPapersOptions
{
    public string Course { get; init; } = "Deep Neural Networks";

    /// <summary>The folder with <c>preamble.tex</c>, <c>paper.tex</c> and <c>key.tex</c>; default: <c>templates/papers</c> beside the bank.</summary>
    public string? TemplateDirectory { get; init; }

    /// <summary>The LaTeX compiler (a name on PATH or a path); null writes the .tex files only.</summary>
    public string? PdfLatex { get; init; } = "pdflatex";

    /// <summary>The date written into the PDFs (SOURCE_DATE_EPOCH), so the same inputs give the same files. Default: now.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>How many pdflatex processes run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>One student's files; the PDFs are null when they were not compiled.</summary>
public sealed record PaperFiles(string StudentId, string PaperTex, string KeyTex, string? PaperPdf, string? KeyPdf);

/// <summary>What was written, and why the PDFs are missing when they are (one line, naming what to install).</summary>
public sealed record ExamPapersResult(IReadOnlyList<PaperFiles> Papers, string? CompileProblem);

/// <summary>Printable exam papers and answer keys, one pair per student's variant, from the LaTeX templates in <c>templates/papers</c>.</summary>
public static partial class ExamPapers
{
    public const string DebianPackages = "texlive-latex-base texlive-latex-recommended texlive-fonts-recommended";

    /// <summary>
    /// Writes <c>&lt;student&gt;.tex</c> (the paper with the student's numbers) and <c>&lt;student&gt;-key.tex</c> (the
    /// answer key) for every student into <paramref name="outDir"/>, then compiles them with pdflatex. The .tex files
    /// are written even when pdflatex or a LaTeX package is missing; <see cref="ExamPapersResult.CompileProblem"/> says which.
    /// </summary>
    public static ExamPapersResult Write(ProblemBank bank, ExamDefinition exam, IReadOnlyList<Student> roster, long seed, VariantSource variants, string outDir,
        ExamPapersOptions options, CancellationToken ct = default)
    {
        var templates = options.TemplateDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bank.Root))!, "templates", "papers");
        var preamble = ReadTemplate(templates, "preamble.tex");
        var paper = Template.Parse(ReadTemplate(templates, "paper.tex"), Path.Combine(templates, "paper.tex"));
        var key = Template.Parse(ReadTemplate(templates, "key.tex"), Path.Combine(templates, "key.tex"));
        foreach (var t in new[] { paper, key })
        {
            if (t.HasErrors) throw new BadInputException("templates", string.Join("; ", t.Messages.Select(m => m.ToString())));
        }
        // Everything is rendered before anything is written, so a failure leaves no half-written folder.
        var files = new List<(Student Student, string Paper, string Key)>();
        foreach (var student in roster)
        {
            ct.ThrowIfCancellationRequested();
            var model = Model(bank, exam, seed, variants, student, options.Course, preamble);
            files.Add((student, Render(paper, model), Render(key, model)));
        }
        try
        {
            Directory.CreateDirectory(outDir);
            foreach (var (student, paperText, keyText) in files)
            {
                File.WriteAllText(Path.Combine(outDir, student.Id + ".tex"), paperText);
                File.WriteAllText(Path.Combine(outDir, student.Id + "-key.tex"), keyText);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("out", $"cannot write to '{outDir}': {e.Message}");
        }

        var papers = files.Select(f => new PaperFiles(f.Student.Id, Path.Combine(outDir, f.Student.Id + ".tex"), Path.Combine(outDir, f.Student.Id + "-key.tex"), null, null)).ToList();
        if (options.PdfLatex is null) return new ExamPapersResult(papers, null);

        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var epoch = (options.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        Parallel.ForEach(papers.SelectMany(p => new[] { p.PaperTex, p.KeyTex }),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct },
            (tex, state) =>
            {
                if (Compile(options.PdfLatex, tex, epoch, ct) is { } problem)
                {
                    problems.Add(problem);
                    // A missing compiler or package fails every file alike; stop at the first.
                    state.Stop();
                }
            });
        var message = problems.OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        return new ExamPapersResult(
            [.. papers.Select(p => p with { PaperPdf = Existing(Path.ChangeExtension(p.PaperTex, ".pdf")), KeyPdf = Existing(Path.ChangeExtension(p.KeyTex, ".pdf")) })],
            message is null ? null : $"{message}; the .tex files are in {outDir}");
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static string ReadTemplate(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllText(path) : throw new BadInputException("templates", $"'{path}' does not exist");
    }

    private static string Render(Template template, ScriptObject model)
    {
        var context = new TemplateContext { StrictVariables = true, MemberRenamer = m => m.Name };
        context.PushGlobal(model);
        return template.Render(context);
    }

    private static ScriptObject Model(ProblemBank bank, ExamDefinition exam, long seed, VariantSource variants, Student student, string course, string preamble)
    {
        var problems = new ScriptArray();
        var number = 0;
        foreach (var item in exam.Problems)
        {
            number++;
            var problem = bank.Problem(item.ProblemId);
            var variant = variants(problem, seed, student.Id);
            var scale = problem.Points > 0 ? item.Points / problem.Points : 0;
            var parts = new ScriptArray();
            foreach (var part in problem.Parts)
            {
                parts.Add(new ScriptObject
                {
                    ["id"] = Latex.Escape(part.Id),
                    ["prompt"] = Latex.Escape(part.Prompt),
                    ["points"] = Number(part.Points * scale),
                    ["answer"] = Answer(part, variant, scale),
                });
            }
            problems.Add(new ScriptObject
            {
                ["number"] = number,
                ["id"] = Latex.Escape(problem.Id),
                ["title"] = Latex.Escape(problem.Title),
                ["points"] = Number(item.Points),
                ["statement"] = Latex.FromMarkdown(StatementTemplate.Render(problem.Statement, variant.Params, variant.Answers)),
                ["params"] = string.Join(@"\\ ", variant.Params.Select(kv => $@"\texttt{{{Latex.Escape(kv.Key)}}} = {Param(kv.Value)}")),
                ["parts"] = parts,
            });
        }
        return new ScriptObject
        {
            ["preamble"] = preamble,
            ["course"] = Latex.Escape(course),
            ["exam_title"] = Latex.Escape(exam.Title),
            ["exam_id"] = Latex.Escape(exam.Id),
            ["student_id"] = Latex.Escape(student.Id),
            ["student_name"] = Latex.Escape(student.Name.Length > 0 ? student.Name : student.Id),
            ["variant"] = Latex.Escape($"{exam.Id}, seed {seed}"),
            ["total_points"] = Number(exam.TotalPoints),
            ["problems"] = problems,
        };
    }

    private static string Answer(PartDefinition part, Variant variant, double scale)
    {
        if (part.Type == AnswerType.Manual)
        {
            return part.Rubric.Count == 0
                ? @"\emph{Graded by a TA.}"
                : @"\emph{Rubric:}\\ " + string.Join(@"\\ ", part.Rubric.Select(r => $@"\textbullet\ {Latex.Escape(r.Text)} ({Number(r.Points * scale)})"));
        }
        return Latex.Code(Grader.Reference(part, variant).Understood ?? "");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A parameter on one line; long nested ones (a decoding tree) are on the student's paper and only named here.</summary>
    private static string Param(JsonNode? node)
    {
        var text = (node?.ToJsonString(Relaxed) ?? "null").Replace(",", ", ", StringComparison.Ordinal);
        return text.Length <= 160 ? Latex.Code(text) : @"\emph{as printed in the statement}";
    }

    private static string Number(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Runs pdflatex on one file; returns null on success, else one line saying what is missing or wrong.</summary>
    private static string? Compile(string pdflatex, string tex, long epoch, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(tex)!;
        var start = new ProcessStartInfo(pdflatex)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", Path.GetFileName(tex) }) start.ArgumentList.Add(arg);
        start.Environment["SOURCE_DATE_EPOCH"] = epoch.ToString(CultureInfo.InvariantCulture);
        start.Environment["FORCE_SOURCE_DATE"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return $"pdflatex: '{pdflatex}' was not found; install the Debian packages {DebianPackages} to get PDFs";
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            _ = process.StandardError.ReadToEndAsync(ct);
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                return $"pdflatex: {Path.GetFileName(tex)} took over two minutes";
            }
            if (process.ExitCode == 0)
            {
                foreach (var extension in new[] { ".aux", ".log" }) File.Delete(Path.ChangeExtension(tex, extension));
                return null;
            }
            var log = Path.ChangeExtension(tex, ".log");
            var text = File.Exists(log) ? File.ReadAllText(log) : stdout.Result;
            if (MissingFile().Match(text) is { Success: true } missing)
                return $"pdflatex: the LaTeX package file '{missing.Groups[1].Value}' is missing; install the Debian packages {DebianPackages} (or the one that holds it)";
            var error = text.Split('\n').FirstOrDefault(l => l.StartsWith('!'))?.Trim() ?? $"exit code {process.ExitCode}";
            return $"pdflatex failed on {Path.GetFileName(tex)}: {error}";
        }
    }

    [GeneratedRegex(@"File `([^']+)' not found")]
    private static partial Regex MissingFile();
}
