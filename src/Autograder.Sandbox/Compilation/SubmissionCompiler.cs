using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autograder.Sandbox.Compilation;

/// <summary>The result of compiling one submission: the assembly for the child, or the compile-stage failure.</summary>
public sealed record CompileOutcome(byte[]? Assembly, string? FailureVerdict, string? Message, double Milliseconds)
{
    public bool Succeeded => Assembly is not null;
}

/// <summary>
/// Compiles submissions with Roslyn in the long-lived grading process: the metadata references are loaded once,
/// so a warm compile takes tens of milliseconds. Nothing compiled here is ever loaded into this process.
/// </summary>
public sealed class SubmissionCompiler
{
    public const int MaxSourceChars = 200_000;

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n", ParseOptions, "GlobalUsings.cs");

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: true, // unsafe code compiles, so that the allowlist can name it on its line
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true,
        concurrentBuild: false);

    /// <summary>Compiles <paramref name="source"/>, checks the allowlist and that <paramref name="entryClass"/>.<paramref name="entryMethod"/> exists.</summary>
    /// <param name="extraReferences">Assemblies beyond the .NET ones a question's submissions compile against (TorchSharp's metadata).</param>
    public CompileOutcome Compile(string source, string entryClass, string entryMethod, int arity, IReadOnlyCollection<string> allow, CancellationToken ct, bool checkAllowlist = true,
        IReadOnlyList<MetadataReference>? extraReferences = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        double Elapsed() => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (source.Length > MaxSourceChars)
            return new CompileOutcome(null, Verdicts.CompileError, $"the submission is longer than {MaxSourceChars} characters", Elapsed());

        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, "Submission.cs", cancellationToken: ct);
        var compilation = CSharpCompilation.Create("Submission", [GlobalUsings, tree], extraReferences is null ? References : References.AddRange(extraReferences), Options);
        var errors = compilation.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
            return new CompileOutcome(null, Verdicts.CompileError, $"line {line}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({first.Id})", Elapsed());
        }
        if (checkAllowlist && ApiAllowlist.Check(compilation, tree, allow, ct) is { } violation)
            return new CompileOutcome(null, Verdicts.ForbiddenApi, $"line {violation.Line}: {violation.Message}", Elapsed());

        var type = compilation.Assembly.GetTypeByMetadataName(entryClass);
        if (type is null || type.DeclaredAccessibility != Accessibility.Public)
            return new CompileOutcome(null, Verdicts.CompileError, $"the submission must define `public static class {entryClass}`", Elapsed());
        if (!type.GetMembers(entryMethod).OfType<IMethodSymbol>().Any(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == arity))
            return new CompileOutcome(null, Verdicts.CompileError, $"`{entryClass}` must define `public static {entryMethod}(...)` with {arity} parameters, as in the starter", Elapsed());

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: ct);
        if (!emitted.Success)
        {
            var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return new CompileOutcome(null, Verdicts.CompileError, first.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Elapsed());
        }
        return new CompileOutcome(stream.ToArray(), null, null, Elapsed());
    }
}
