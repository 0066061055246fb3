using System.Text.Json.Nodes;

namespace Autograder.Core.Bank;

/// <summary>Loads <c>problem-bank/</c>: every <c>&lt;topic&gt;/&lt;id&gt;/problem.yaml</c> and <c>exams/*.yaml</c>.</summary>
public static class BankLoader
{
    private static readonly string[] ProblemFields =
        ["id", "version", "title", "topic", "points", "solver", "generator", "canonical", "parts"];
    private static readonly string[] PartFields =
        ["id", "prompt", "type", "points", "answer", "value", "rtol", "atol", "sigfigs", "choices", "variables", "length", "property", "feedback", "carry_forward", "rubric"];

    public static ProblemBank Load(string root)
    {
        if (!Directory.Exists(root)) throw new BankException(root, 0, "(bank)", "folder does not exist");
        var problems = new Dictionary<string, ProblemDefinition>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "problem.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var problem = LoadProblem(root, file);
            if (problems.TryGetValue(problem.Id, out var other))
                throw new BankException(file, 1, "id", $"'{problem.Id}' is also the id of {other.Directory}");
            problems.Add(problem.Id, problem);
        }
        var exams = new Dictionary<string, ExamDefinition>(StringComparer.Ordinal);
        var examDir = Path.Combine(root, "exams");
        if (Directory.Exists(examDir))
        {
            foreach (var file in Directory.EnumerateFiles(examDir, "*.yaml").Order(StringComparer.Ordinal))
            {
                var exam = LoadExam(file, problems);
                exams.Add(exam.Id, exam);
            }
        }
        return new ProblemBank(root, problems, exams);
    }

    public static ProblemDefinition LoadProblem(string root, string file)
    {
        var y = YamlFields.Load(file);
        y.AllowOnly(ProblemFields);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var id = y.String("id");
        if (id != Path.GetFileName(dir))
            throw y.Error("id", y.Get("id"), $"'{id}' must equal the problem's folder name '{Path.GetFileName(dir)}'");
        var topic = y.String("topic");
        var expectedTopic = Path.GetFileName(Path.GetDirectoryName(dir));
        if (topic != expectedTopic)
            throw y.Error("topic", y.Get("topic"), $"'{topic}' must equal the topic folder name '{expectedTopic}'");

        var version = y.Int("version");
        if (version < 1) throw y.Error("version", y.Get("version"), "must be at least 1");
        var points = y.Number("points");
        var generator = y.Mapping("generator");
        generator.AllowOnly("id", "options");
        var parts = y.MappingList("parts").Select(ReadPart).ToList();
        if (parts.Count == 0) throw y.Error("parts", y.Get("parts"), "must list at least one part");
        var duplicate = parts.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw y.Error("parts", y.Get("parts"), $"part id '{duplicate.Key}' appears twice");
        var sum = parts.Sum(p => p.Points);
        if (Math.Abs(sum - points) > 1e-9)
            throw y.Error("points", y.Get("points"), $"is {points} but the parts add up to {sum}");
        foreach (var part in parts.Where(p => p.CarryForward is not null))
        {
            foreach (var (param, source) in part.CarryForward!.Inputs)
            {
                if (source.StartsWith("part:", StringComparison.Ordinal) && parts.All(p => p.Id != source[5..]))
                    throw y.Error("parts", y.Get("parts"), $"part '{part.Id}' carry_forward input '{param}' names unknown part '{source[5..]}'");
            }
        }

        var statementFile = Path.Combine(dir, "statement.md");
        if (!File.Exists(statementFile)) throw new BankException(statementFile, 0, "statement.md", "is missing");
        var statement = File.ReadAllText(statementFile);
        Templates.StatementTemplate.Validate(statement, statementFile);

        var canonical = y.Get("canonical") is null ? null : y.JsonObject("canonical");
        var problem = new ProblemDefinition(
            id, version, y.String("title"), topic, points, y.String("solver"),
            new GeneratorSpec(generator.String("id"), generator.JsonObject("options")),
            canonical, parts, statement, dir, []);
        return problem with { Samples = LoadSamples(problem) };
    }

    private static PartDefinition ReadPart(YamlFields p)
    {
        p.AllowOnly(PartFields);
        var typeText = p.String("type");
        if (!Enum.TryParse<AnswerType>(typeText, ignoreCase: true, out var type) || typeText.Any(char.IsUpper))
            throw p.Error("type", p.Get("type"), $"unknown answer type '{typeText}' (expected one of: {string.Join(", ", Enum.GetNames<AnswerType>().Select(n => n.ToLowerInvariant()))})");
        var points = p.Number("points");
        if (points < 0) throw p.Error("points", p.Get("points"), "must not be negative");
        var answer = p.OptionalString("answer");
        var value = p.Json("value");
        if (type is not (AnswerType.Manual or AnswerType.Code) && answer is null && value is null)
            throw p.Error("answer", p.Node, "a part needs `answer` (a path such as answers.output) or `value`");

        var choices = p.MappingList("choices", required: false)
            .Select(c => { c.AllowOnly("id", "text"); return new ChoiceOption(c.String("id"), c.String("text")); })
            .ToList();
        if (type is AnswerType.Choice or AnswerType.Multi && choices.Count < 2)
            throw p.Error("choices", p.Get("choices") ?? p.Node, "a choice part lists at least two choices");
        var variables = p.StringList("variables");
        if (type is AnswerType.Formula or AnswerType.Complexity && variables.Count == 0)
            throw p.Error("variables", p.Node, "a formula part lists the variables a formula may use");
        var property = p.OptionalString("property");
        if (type == AnswerType.Property && (property is null || !Checking.PropertyCheckers.Names.Contains(property)))
            throw p.Error("property", p.Get("property") ?? p.Node, $"a property part names its checker, one of: {string.Join(", ", Checking.PropertyCheckers.Names)}");
        var options = new CheckOptions(
            RelativeTolerance: p.Number("rtol", 1e-2),
            AbsoluteTolerance: p.Number("atol", 1e-8),
            SignificantFigures: p.Get("sigfigs") is null ? null : p.Int("sigfigs"),
            Choices: choices.Count == 0 ? null : choices,
            Variables: variables.Count == 0 ? null : variables,
            Length: p.Get("length") is null ? null : p.Int("length"),
            Property: property);

        var feedback = p.MappingList("feedback", required: false).Select(f =>
        {
            f.AllowOnly("id", "matches", "value", "credit", "message");
            var credit = f.Number("credit");
            if (credit is < 0 or > 1) throw f.Error("credit", f.Get("credit"), "is a fraction of the part's points, from 0 to 1");
            // A rule recognizes either the value at a path of the variant (matches) or a literal wrong answer (value).
            var literal = f.Json("value");
            if (literal is not null && f.Get("matches") is not null)
                throw f.Error("value", f.Get("value"), "a feedback rule has `matches` or `value`, not both");
            return new FeedbackRule(f.String("id"), literal is null ? f.String("matches") : "", credit, f.String("message")) { Value = literal };
        }).ToList();

        CarryForward? carry = null;
        if (p.OptionalMapping("carry_forward") is { } cf)
        {
            cf.AllowOnly("solver", "inputs", "answer", "credit", "message");
            var inputs = cf.Mapping("inputs");
            carry = new CarryForward(
                cf.String("solver"),
                inputs.Keys.ToDictionary(k => k, inputs.String, StringComparer.Ordinal),
                cf.String("answer"),
                cf.Number("credit"),
                cf.OptionalString("message") ?? "Your answer is consistent with your own earlier answers.");
        }

        var rubric = p.MappingList("rubric", required: false).Select(r =>
        {
            r.AllowOnly("id", "text", "points");
            return new RubricItem(r.String("id"), r.String("text"), r.Number("points"));
        }).ToList();
        if (type == AnswerType.Manual && Math.Abs(rubric.Sum(r => r.Points) - points) > 1e-9)
            throw p.Error("rubric", p.Get("rubric") ?? p.Node, $"a manual part's rubric items must add up to its {points} points");

        return new PartDefinition(p.String("id"), p.OptionalString("prompt") ?? "", type, points, answer, value, options, feedback, carry, rubric);
    }

    private static List<SampleSubmission> LoadSamples(ProblemDefinition problem)
    {
        var dir = Path.Combine(problem.Directory, "samples");
        if (!Directory.Exists(dir)) return [];
        var samples = new List<SampleSubmission>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var y = YamlFields.Load(file);
            y.AllowOnly("name", "seed", "student", "canonical", "answers", "expected_score");
            var canonical = y.Bool("canonical", false);
            long? seed = canonical ? null : y.Int("seed");
            var answers = y.JsonObject("answers");
            foreach (var key in answers.Select(kv => kv.Key).Where(k => problem.Part(k) is null))
                throw y.Error($"answers.{key}", y.Get("answers"), $"problem '{problem.Id}' has no part '{key}'");
            samples.Add(new SampleSubmission(file, y.OptionalString("name") ?? Path.GetFileNameWithoutExtension(file), seed,
                y.OptionalString("student") ?? "", answers, y.Number("expected_score")));
        }
        return samples;
    }

    public static ExamDefinition LoadExam(string file, IReadOnlyDictionary<string, ProblemDefinition> problems)
    {
        var y = YamlFields.Load(file);
        y.AllowOnly("id", "title", "problems");
        var id = y.String("id");
        if (id != Path.GetFileNameWithoutExtension(file))
            throw y.Error("id", y.Get("id"), $"'{id}' must equal the file name '{Path.GetFileNameWithoutExtension(file)}'");
        var list = y.MappingList("problems").Select(p =>
        {
            p.AllowOnly("id", "points");
            var pid = p.String("id");
            if (!problems.TryGetValue(pid, out var problem)) throw p.Error("id", p.Get("id"), $"no problem '{pid}' in the bank");
            var points = p.Number("points", problem.Points);
            if (points < 0) throw p.Error("points", p.Get("points"), "must not be negative");
            return new ExamProblem(pid, points);
        }).ToList();
        return new ExamDefinition(id, y.String("title"), file, list);
    }
}
