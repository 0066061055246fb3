using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autograder.Sandbox.Compilation;

/// <summary>
/// The entry point must be exactly the question's: a public static, non-generic method of the public entry class with
/// the signature's name, parameter types (by value) and return type, and no other overload of that arity.
/// </summary>
internal static class EntryPointCheck
{
    private static readonly SymbolDisplayFormat TypeName = SymbolDisplayFormat.FullyQualifiedFormat;

    public static MethodDeclarationSyntax? Parse(string signature) =>
        SyntaxFactory.ParseMemberDeclaration(signature + " => throw null!;") is MethodDeclarationSyntax { ContainsDiagnostics: false } method ? method : null;

    public static string? Mismatch(CSharpCompilation compilation, string entryClass, string signature, MethodDeclarationSyntax expected, CancellationToken ct)
    {
        var want = $"`public static {Shape(expected)}` in `public static class {entryClass}`";
        var type = compilation.Assembly.GetTypeByMetadataName(entryClass);
        if (type is null || type.DeclaredAccessibility != Accessibility.Public)
            return $"the submission must define {want}";
        var name = expected.Identifier.Text;
        var arity = expected.ParameterList.Parameters.Count;
        var candidates = type.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.Parameters.Length == arity).ToList();
        if (candidates.Count != 1)
            return candidates.Count == 0 ? $"the submission must define {want}" : $"`{entryClass}` defines {candidates.Count} methods `{name}` with {arity} parameters; define exactly one, {want}";
        var method = candidates[0];
        var types = Resolve(compilation, entryClass, signature, ct);
        if (types is null) return $"the submission must define the types that {want} names";
        var (parameters, returns) = types.Value;
        var ok = method.IsStatic && method.DeclaredAccessibility == Accessibility.Public && !method.IsGenericMethod
            && method.ReturnType.ToDisplayString(TypeName) == returns && method.ReturnsByRef is false && method.ReturnsByRefReadonly is false
            && method.Parameters.Select(p => p.RefKind == RefKind.None ? p.Type.ToDisplayString(TypeName) : "ref").SequenceEqual(parameters);
        return ok ? null : $"`{entryClass}.{name}` must be exactly {want}, not `{method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}`";
    }

    private static string Shape(MethodDeclarationSyntax expected) =>
        $"{expected.ReturnType} {expected.Identifier.Text}({string.Join(", ", expected.ParameterList.Parameters.Select(p => $"{p.Type} {p.Identifier.Text}"))})";

    /// <summary>The signature's types as the submission's own compilation sees them (a question may name a type the submission defines, such as a tree node).</summary>
    private static (string[] Parameters, string Return)? Resolve(CSharpCompilation compilation, string entryClass, string signature, CancellationToken ct)
    {
        var torch = compilation.GetTypeByMetadataName("TorchSharp.torch") is not null ? "using TorchSharp; using static TorchSharp.torch; " : "";
        // Types the submission nests in its entry class (as a script's are) are named as the signature names them.
        torch += $"using static {entryClass}; ";
        var stub = CSharpSyntaxTree.ParseText($"{torch}public static class AutograderExpectedEntryPoint {{ {signature} => throw null!; }}", SubmissionCompiler.ParseOptions, cancellationToken: ct);
        var withStub = compilation.AddSyntaxTrees(stub);
        var model = withStub.GetSemanticModel(stub);
        if (model.GetDiagnostics(cancellationToken: ct).Any(d => d.Severity == DiagnosticSeverity.Error)) return null;
        var declaration = stub.GetRoot(ct).DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var method = model.GetDeclaredSymbol(declaration, ct)!;
        return ([.. method.Parameters.Select(p => p.Type.ToDisplayString(TypeName))], method.ReturnType.ToDisplayString(TypeName));
    }
}
