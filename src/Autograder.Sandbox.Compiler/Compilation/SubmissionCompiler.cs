using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autograder.Sandbox.Compilation;

/// <summary>What to compile: the source (a file with the entry class, or a C# script), the entry point's class and exact signature, and what the question allows.</summary>
/// <param name="References">Assembly files beyond the .NET ones that submissions compile against (TorchSharp's metadata).</param>
public sealed record CompileRequest(string Source, string EntryClass, string Signature, IReadOnlyList<string> Allow, bool CheckAllowlist = true, IReadOnlyList<string>? References = null);

/// <summary>The result of compiling one submission: the assembly for the child, or the compile-stage verdict and its message.</summary>
public sealed record CompileOutcome(byte[]? Assembly, string? FailureVerdict, string? Message, double Milliseconds)
{
    public const string CompileError = "compile_error";
    public const string ForbiddenApi = "forbidden_api";

    public bool Succeeded => Assembly is not null;
}

/// <summary>
/// Compiles submissions with Roslyn: the metadata references are loaded once, so a warm compile takes tens of
/// milliseconds. Runs in the compiler process (never in a grading process); nothing compiled is ever loaded here.
/// </summary>
public sealed class SubmissionCompiler
{
    public const int MaxSourceChars = 200_000;

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()];

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n", ParseOptions, "GlobalUsings.cs");

    internal static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: true, // unsafe code compiles, so that the allowlist can name it on its line
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true,
        concurrentBuild: false);

    private readonly ConcurrentDictionary<string, MetadataReference> _extra = new(StringComparer.Ordinal);

    /// <summary>Compiles <see cref="CompileRequest.Source"/>, checks the allowlist and that the entry point matches its signature exactly.</summary>
    public CompileOutcome Compile(CompileRequest request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        double Elapsed() => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        CompileOutcome Fail(string verdict, string message) => new(null, verdict, message, Elapsed());
        if (request.Source.Length > MaxSourceChars)
            return Fail(CompileOutcome.CompileError, $"the submission is longer than the source limit of {MaxSourceChars} characters");

        var expected = EntryPointCheck.Parse(request.Signature);
        if (expected is null) return Fail(CompileOutcome.CompileError, $"the question's entry point `{request.Signature}` is not a method signature");
        var references = request.References is { Count: > 0 } extra
            ? References.AddRange(extra.Select(path => _extra.GetOrAdd(path, p => MetadataReference.CreateFromFile(p))))
            : References;

        var form = ScriptForm.Read(request.Source, request.EntryClass, expected.Identifier.Text, references, ct);
        if (form.Refusal is { } refusal) return Fail(CompileOutcome.ForbiddenApi, refusal);
        var tree = CSharpSyntaxTree.ParseText(form.Source, ParseOptions, "Submission.cs", cancellationToken: ct);
        var compilation = CSharpCompilation.Create("Submission", [GlobalUsings, tree], references, Options);
        var errors = compilation.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var line = first.Location.GetMappedLineSpan().StartLinePosition.Line + 1;
            return Fail(CompileOutcome.CompileError, $"line {line}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({first.Id})");
        }
        if (request.CheckAllowlist && ApiAllowlist.Check(compilation, tree, request.Allow, ct) is { } violation)
            return Fail(CompileOutcome.ForbiddenApi, $"line {violation.Line}: {violation.Message}");
        if (EntryPointCheck.Mismatch(compilation, request.EntryClass, request.Signature, expected, ct) is { } mismatch)
            return Fail(CompileOutcome.CompileError, mismatch);

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: ct);
        if (!emitted.Success)
        {
            var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return Fail(CompileOutcome.CompileError, first.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new CompileOutcome(stream.ToArray(), null, null, Elapsed());
    }
}
