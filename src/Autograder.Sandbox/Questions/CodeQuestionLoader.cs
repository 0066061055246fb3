using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autograder.Sandbox.Questions;

/// <summary>
/// Loads code questions from <c>&lt;bank&gt;/code/&lt;id&gt;/question.yaml</c> through Core's field reader, so errors name
/// the file, the line and the field. Each bank folder is walked once; a question is parsed once and again only when
/// its file changes.
/// </summary>
public static class CodeQuestionLoader
{
    private static readonly string[] QuestionFields = ["id", "version", "title", "queue", "entry", "compare", "limits", "allow", "tests", "reference"];
    private static readonly string[] TestFields = ["name", "visible", "points", "count", "args", "expected", "solver", "params", "answer", "limits", "evaluate", "per_row"];

    /// <summary>A question file as last parsed: the question, or the error it gave, and the write time it was parsed at.</summary>
    private sealed record Parsed(DateTime WrittenAt, CodeQuestion? Question, BankException? Error);

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> FilesByBank = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Parsed> ByFile = new(StringComparer.Ordinal);

    /// <summary>Every code question under <paramref name="bankRoot"/>, by id.</summary>
    public static IReadOnlyDictionary<string, CodeQuestion> LoadAll(string bankRoot)
    {
        var all = new Dictionary<string, CodeQuestion>(StringComparer.Ordinal);
        if (!Directory.Exists(bankRoot)) return all;
        foreach (var file in Directory.EnumerateFiles(bankRoot, "question.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var question = Cached(file);
            if (!all.TryAdd(question.Id, question)) throw new BankException(file, 1, "id", $"'{question.Id}' is also the id of another code question");
        }
        return all;
    }

    /// <summary>The code question <paramref name="id"/>; a <see cref="BadInputException"/> naming <c>problem-id</c> when there is none.</summary>
    public static CodeQuestion Load(string bankRoot, string id)
    {
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new BadInputException("problem-id", $"'{id}' is not a problem id (letters, digits and dashes)");
        var root = Path.GetFullPath(bankRoot);
        if (!Files(root, rescan: false).TryGetValue(id, out var file) && !Files(root, rescan: true).TryGetValue(id, out file))
            throw new BadInputException("problem-id", $"no code question '{id}' in the bank at {bankRoot}");
        return Cached(file);
    }

    /// <summary>Question files by folder name, walked once per bank (again only when an id is not found).</summary>
    private static IReadOnlyDictionary<string, string> Files(string root, bool rescan)
    {
        if (!rescan && FilesByBank.TryGetValue(root, out var known)) return known;
        var files = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "question.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .GroupBy(f => Path.GetFileName(Path.GetDirectoryName(f))!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : [];
        FilesByBank[root] = files;
        return files;
    }

    private static CodeQuestion Cached(string file)
    {
        var written = File.GetLastWriteTimeUtc(file);
        var parsed = ByFile.TryGetValue(file, out var hit) && hit.WrittenAt == written ? hit : null;
        if (parsed is null)
        {
            try
            {
                parsed = new Parsed(written, LoadFile(file), null);
            }
            catch (BankException e)
            {
                parsed = new Parsed(written, null, e);
            }
            ByFile[file] = parsed;
        }
        return parsed.Question ?? throw parsed.Error!;
    }

    public static CodeQuestion LoadFile(string file)
    {
        var f = YamlFields.Load(file);
        f.AllowOnly(QuestionFields);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var id = f.String("id");
        if (id != Path.GetFileName(dir)) throw f.Error("id", f.Get("id"), $"'{id}' must equal the question's folder name '{Path.GetFileName(dir)}'");
        var queue = f.OptionalString("queue") ?? "sandbox";
        if (queue is not ("sandbox" or "gpu")) throw f.Error("queue", f.Get("queue"), "must be sandbox or gpu");

        var entryFields = f.Mapping("entry");
        entryFields.AllowOnly("class", "signature");
        var signature = entryFields.String("signature");
        if (SyntaxFactory.ParseMemberDeclaration(signature + " => throw null!;") is not MethodDeclarationSyntax method
            || method.ContainsDiagnostics
            || !method.Modifiers.Any(m => m.RawKind == (int)SyntaxKind.StaticKeyword)
            || method.TypeParameterList is not null)
            throw entryFields.Error("signature", entryFields.Get("signature"), "must be a static, non-generic C# method signature such as `public static int F(int x)`");
        var entry = new EntryPoint(entryFields.String("class"), method.Identifier.Text, signature,
            method.ParameterList.Parameters.Select(p => p.Identifier.Text).ToList());

        var compare = new Comparison(ComparisonKind.Exact);
        if (f.OptionalMapping("compare") is { } compareFields)
        {
            compareFields.AllowOnly("kind", "rtol", "atol");
            var kind = compareFields.String("kind") switch
            {
                "exact" => ComparisonKind.Exact,
                "tolerance" => ComparisonKind.Tolerance,
                "allclose" => ComparisonKind.AllClose,
                var other => throw compareFields.Error("kind", compareFields.Get("kind"), $"unknown comparison '{other}' (expected exact, tolerance or allclose)"),
            };
            compare = new Comparison(kind, compareFields.Number("rtol", 1e-6), compareFields.Number("atol", 1e-9));
        }
        var limits = ReadLimits(f.OptionalMapping("limits"), new TestLimits());
        var allow = f.StringList("allow");

        var tests = f.MappingList("tests").Select(t => ReadTest(t, entry, limits)).ToList();
        if (tests.Count == 0) throw f.Error("tests", f.Get("tests"), "must list at least one test");
        var duplicate = tests.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw f.Error("tests", f.Get("tests"), $"test name '{duplicate.Key}' appears twice");

        var statementFile = Path.Combine(dir, "statement.md");
        var statement = File.Exists(statementFile) ? File.ReadAllText(statementFile) : throw new BankException(statementFile, 1, "statement.md", "is missing");
        var reference = Path.Combine(dir, f.OptionalString("reference") ?? "reference/Solution.cs");
        var bankRoot = Path.GetDirectoryName(Path.GetDirectoryName(dir))!;
        var starter = Path.Combine(Path.GetDirectoryName(bankRoot)!, "templates", "code", id, "Solution.cs");
        return new CodeQuestion(id, f.Int("version", 1), f.String("title"), queue, entry, compare, limits, allow, tests, statement, dir,
            File.Exists(reference) ? reference : null, File.Exists(starter) ? starter : null);
    }

    private static CodeTest ReadTest(YamlFields t, EntryPoint entry, TestLimits defaults)
    {
        t.AllowOnly(TestFields);
        var args = Mapping(t, "args");
        foreach (var name in entry.Parameters.Where(p => !args.ContainsKey(p)))
            throw t.Error("args", t.Get("args"), $"gives no value for parameter '{name}'");
        foreach (var (name, _) in args.Where(a => !entry.Parameters.Contains(a.Key)))
            throw t.Error("args", t.Get("args"), $"'{name}' is not a parameter of the entry point");
        var solver = t.OptionalString("solver");
        var expected = t.Json("expected");
        var evaluate = t.Get("evaluate") is null ? null : Mapping(t, "evaluate");
        if (evaluate is not null)
        {
            var evaluator = evaluate["id"] is JsonValue v && v.TryGetValue<string>(out var eid) ? eid : throw t.Error("evaluate.id", t.Get("evaluate"), "is required");
            if (!Evaluators.Exists(evaluator)) throw t.Error("evaluate.id", t.Get("evaluate"), $"unknown evaluator '{evaluator}' (known: {string.Join(", ", Evaluators.Ids)})");
            if (solver is not null || expected is not null) throw t.Error("evaluate", t.Get("evaluate"), "an evaluated test computes its own expected output; drop `expected` and `solver`");
        }
        else if (solver is null == (expected is null))
            throw t.Error("expected", t.Node, "a test gives either `expected` or `solver` (with `params` and `answer`)");
        var count = t.Int("count", 1);
        if (count < 1) throw t.Error("count", t.Get("count"), "must be at least 1");
        var points = t.Number("points", 1);
        if (points < 0) throw t.Error("points", t.Get("points"), "must not be negative");
        var perRow = t.OptionalString("per_row");
        if (perRow is not null && !entry.Parameters.Contains(perRow)) throw t.Error("per_row", t.Get("per_row"), $"'{perRow}' is not a parameter of the entry point");
        return new CodeTest(t.String("name"), t.Bool("visible", false), points, count, args, expected, solver,
            solver is null ? null : Mapping(t, "params"), solver is null ? null : t.String("answer"), ReadLimits(t.OptionalMapping("limits"), defaults), evaluate, perRow);
    }

    /// <summary>A required mapping field as JSON.</summary>
    private static JsonObject Mapping(YamlFields f, string key) =>
        f.Required(key) is YamlDotNet.RepresentationModel.YamlMappingNode ? f.JsonObject(key) : throw f.Error(key, f.Get(key), "must be a mapping");

    private static TestLimits ReadLimits(YamlFields? l, TestLimits defaults)
    {
        if (l is null) return defaults;
        l.AllowOnly("time_ms", "memory_mb", "output_kb");
        var limits = new TestLimits(l.Int("time_ms", defaults.TimeMs), l.Int("memory_mb", defaults.MemoryMb), l.Int("output_kb", defaults.OutputKb));
        if (limits.TimeMs is < 10 or > 60_000) throw l.Error("time_ms", l.Get("time_ms"), "must be between 10 and 60000");
        if (limits.MemoryMb is < 64 or > 4096) throw l.Error("memory_mb", l.Get("memory_mb"), "must be between 64 and 4096");
        if (limits.OutputKb is < 1 or > 16_384) throw l.Error("output_kb", l.Get("output_kb"), "must be between 1 and 16384");
        return limits;
    }
}
