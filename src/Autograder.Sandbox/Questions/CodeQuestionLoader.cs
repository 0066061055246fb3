using System.Globalization;
using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autograder.Sandbox.Questions;

/// <summary>Loads code questions from <c>&lt;bank&gt;/code/&lt;id&gt;/question.yaml</c>; errors name the file and the field.</summary>
public static class CodeQuestionLoader
{
    private static readonly string[] QuestionFields = ["id", "version", "title", "queue", "entry", "compare", "limits", "allow", "tests", "reference"];
    private static readonly string[] TestFields = ["name", "visible", "points", "count", "args", "expected", "solver", "params", "answer", "limits", "evaluate", "per_row"];

    /// <summary>Every code question under <paramref name="bankRoot"/>, by id.</summary>
    public static IReadOnlyDictionary<string, CodeQuestion> LoadAll(string bankRoot)
    {
        var all = new Dictionary<string, CodeQuestion>(StringComparer.Ordinal);
        if (!Directory.Exists(bankRoot)) return all;
        foreach (var file in Directory.EnumerateFiles(bankRoot, "question.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var question = LoadFile(file);
            if (!all.TryAdd(question.Id, question)) throw new BankException(file, 0, "id", $"'{question.Id}' is also the id of another code question");
        }
        return all;
    }

    /// <summary>The code question <paramref name="id"/>; a <see cref="BadInputException"/> naming <c>problem-id</c> when there is none.</summary>
    public static CodeQuestion Load(string bankRoot, string id)
    {
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new BadInputException("problem-id", $"'{id}' is not a problem id (letters, digits and dashes)");
        var file = Directory.Exists(bankRoot)
            ? Directory.EnumerateFiles(bankRoot, "question.yaml", SearchOption.AllDirectories)
                .FirstOrDefault(f => Path.GetFileName(Path.GetDirectoryName(f)) == id)
            : null;
        return file is null
            ? throw new BadInputException("problem-id", $"no code question '{id}' in the bank at {bankRoot}")
            : LoadFile(file);
    }

    public static CodeQuestion LoadFile(string file)
    {
        JsonObject root;
        try
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            root = stream.Documents.Count > 0 && YamlJson.ToJson(stream.Documents[0].RootNode) is JsonObject o
                ? o : throw new BankException(file, 1, "(file)", "must be a YAML mapping");
        }
        catch (YamlException e)
        {
            throw new BankException(file, (int)e.Start.Line, "(yaml)", e.Message);
        }
        var f = new Fields(file, root, "");
        f.AllowOnly(QuestionFields);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var id = f.String("id");
        if (id != Path.GetFileName(dir)) throw f.Error("id", $"'{id}' must equal the question's folder name '{Path.GetFileName(dir)}'");
        var queue = f.OptionalString("queue") ?? "sandbox";
        if (queue is not ("sandbox" or "gpu")) throw f.Error("queue", "must be sandbox or gpu");

        var entryFields = f.Mapping("entry");
        entryFields.AllowOnly("class", "signature");
        var signature = entryFields.String("signature");
        if (SyntaxFactory.ParseMemberDeclaration(signature + " => throw null!;") is not MethodDeclarationSyntax method
            || method.ContainsDiagnostics
            || !method.Modifiers.Any(m => m.RawKind == (int)SyntaxKind.StaticKeyword))
            throw entryFields.Error("signature", "must be a static C# method signature such as `public static int F(int x)`");
        var entry = new EntryPoint(entryFields.String("class"), method.Identifier.Text, signature,
            method.ParameterList.Parameters.Select(p => p.Identifier.Text).ToList());

        var compareFields = f.OptionalMapping("compare");
        var compare = new Comparison(ComparisonKind.Exact);
        if (compareFields is not null)
        {
            compareFields.AllowOnly("kind", "rtol", "atol");
            var kind = compareFields.String("kind") switch
            {
                "exact" => ComparisonKind.Exact,
                "tolerance" => ComparisonKind.Tolerance,
                "allclose" => ComparisonKind.AllClose,
                var other => throw compareFields.Error("kind", $"unknown comparison '{other}' (expected exact, tolerance or allclose)"),
            };
            compare = new Comparison(kind, compareFields.Number("rtol", 1e-6), compareFields.Number("atol", 1e-9));
        }
        var limits = ReadLimits(f.OptionalMapping("limits"), new TestLimits());
        var allow = f.StringList("allow");

        var tests = f.MappingList("tests").Select(t => ReadTest(t, entry, limits)).ToList();
        if (tests.Count == 0) throw f.Error("tests", "must list at least one test");
        var duplicate = tests.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw f.Error("tests", $"test name '{duplicate.Key}' appears twice");

        var statementFile = Path.Combine(dir, "statement.md");
        var statement = File.Exists(statementFile) ? File.ReadAllText(statementFile) : throw new BankException(statementFile, 0, "statement.md", "is missing");
        var reference = Path.Combine(dir, f.OptionalString("reference") ?? "reference/Solution.cs");
        var bankRoot = Path.GetDirectoryName(Path.GetDirectoryName(dir))!;
        var starter = Path.Combine(Path.GetDirectoryName(bankRoot)!, "templates", "code", id, "Solution.cs");
        return new CodeQuestion(id, f.Int("version", 1), f.String("title"), queue, entry, compare, limits, allow, tests, statement, dir,
            File.Exists(reference) ? reference : null, File.Exists(starter) ? starter : null);
    }

    private static CodeTest ReadTest(Fields t, EntryPoint entry, TestLimits defaults)
    {
        t.AllowOnly(TestFields);
        var args = t.Object("args");
        foreach (var name in entry.Parameters.Where(p => !args.ContainsKey(p)))
            throw t.Error("args", $"gives no value for parameter '{name}'");
        foreach (var (name, _) in args.Where(a => !entry.Parameters.Contains(a.Key)))
            throw t.Error("args", $"'{name}' is not a parameter of the entry point");
        var solver = t.OptionalString("solver");
        var expected = t.Raw("expected");
        var evaluate = t.Raw("evaluate") is null ? null : t.Object("evaluate");
        if (evaluate is not null)
        {
            var evaluator = evaluate["id"] is JsonValue v && v.TryGetValue<string>(out var eid) ? eid : throw t.Error("evaluate.id", "is required");
            if (!Evaluators.Exists(evaluator)) throw t.Error("evaluate.id", $"unknown evaluator '{evaluator}' (known: {string.Join(", ", Evaluators.Ids)})");
            if (solver is not null || expected is not null) throw t.Error("evaluate", "an evaluated test computes its own expected output; drop `expected` and `solver`");
        }
        else if (solver is null == (expected is null))
            throw t.Error("expected", "a test gives either `expected` or `solver` (with `params` and `answer`)");
        var count = t.Int("count", 1);
        if (count < 1) throw t.Error("count", "must be at least 1");
        var points = t.Number("points", 1);
        if (points < 0) throw t.Error("points", "must not be negative");
        return new CodeTest(t.String("name"), t.Bool("visible", false), points, count, args, expected?.DeepClone(), solver,
            solver is null ? null : t.Object("params"), solver is null ? null : t.String("answer"), ReadLimits(t.OptionalMapping("limits"), defaults), evaluate,
            t.OptionalString("per_row") is { } perRow && !entry.Parameters.Contains(perRow) ? throw t.Error("per_row", $"'{perRow}' is not a parameter of the entry point") : t.OptionalString("per_row"));
    }

    private static TestLimits ReadLimits(Fields? l, TestLimits defaults)
    {
        if (l is null) return defaults;
        l.AllowOnly("time_ms", "memory_mb", "output_kb");
        var limits = new TestLimits(l.Int("time_ms", defaults.TimeMs), l.Int("memory_mb", defaults.MemoryMb), l.Int("output_kb", defaults.OutputKb));
        if (limits.TimeMs is < 10 or > 60_000) throw l.Error("time_ms", "must be between 10 and 60000");
        if (limits.MemoryMb is < 64 or > 4096) throw l.Error("memory_mb", "must be between 64 and 4096");
        if (limits.OutputKb is < 1 or > 16_384) throw l.Error("output_kb", "must be between 1 and 16384");
        return limits;
    }

    /// <summary>Typed reads of a YAML mapping (as JSON) whose errors carry the file and the field path.</summary>
    private sealed class Fields(string file, JsonObject node, string path)
    {
        public BankException Error(string key, string message) => new(file, 0, path + key, message);

        public void AllowOnly(params string[] known)
        {
            foreach (var (key, _) in node)
                if (!known.Contains(key, StringComparer.Ordinal)) throw Error(key, $"unknown field (expected one of: {string.Join(", ", known)})");
        }

        public JsonNode? Raw(string key) => node[key];

        public string String(string key) => OptionalString(key) ?? throw Error(key, "is required");

        public string? OptionalString(string key) => node[key] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => throw Error(key, "must be a plain value"),
        };

        public int Int(string key, int fallback)
        {
            if (node[key] is null) return fallback;
            try { return checked((int)node[key].AsLong()); }
            catch (Exception e) when (e is InvalidOperationException or OverflowException) { throw Error(key, "must be a whole number"); }
        }

        public double Number(string key, double fallback)
        {
            if (node[key] is null) return fallback;
            try { return node[key].AsDouble(); }
            catch (InvalidOperationException) { throw Error(key, "must be a number"); }
        }

        public bool Bool(string key, bool fallback) => node[key] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw Error(key, "must be true or false"),
        };

        public JsonObject Object(string key) => node[key] as JsonObject ?? throw Error(key, "must be a mapping");

        public Fields Mapping(string key) => new(file, Object(key), $"{path}{key}.");

        public Fields? OptionalMapping(string key) => node[key] is null ? null : Mapping(key);

        public IReadOnlyList<string> StringList(string key) => node[key] switch
        {
            null => [],
            JsonArray a => a.Select((x, i) => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Error($"{key}[{i}]", "must be a string")).ToList(),
            _ => throw Error(key, "must be a list"),
        };

        public IReadOnlyList<Fields> MappingList(string key) => node[key] switch
        {
            JsonArray a => a.Select((x, i) => x is JsonObject o ? new Fields(file, o, $"{path}{key}[{i}].") : throw Error($"{key}[{i}]", "must be a mapping")).ToList(),
            null => throw Error(key, "is required"),
            _ => throw Error(key, "must be a list"),
        };
    }
}
