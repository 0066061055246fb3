using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autograder.Sandbox.Compilation;

/// <summary>
/// A submission is either a file with the entry class or a C# script in the sense of Microsoft.CodeAnalysis.CSharp.Scripting
/// (top-level methods, fields and statements, as in a notebook cell). A script becomes the entry class: its methods and
/// fields static members (the entry method public), its statements the class's static constructor, its types nested
/// in the class (as a script's are in its submission class); <c>#line</c> keeps every line number the student's.
/// <c>#r</c> and <c>#load</c> are refused.
/// </summary>
internal static class ScriptForm
{
    public sealed record Result(string Source, bool IsScript, string? Refusal);

    private static readonly CSharpParseOptions ScriptOptions = SubmissionCompiler.ParseOptions.WithKind(SourceCodeKind.Script);

    public static Result Read(string source, string entryClass, string entryMethod, ImmutableArray<MetadataReference> references, CancellationToken ct)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ScriptOptions, "Submission.cs", cancellationToken: ct);
        var root = (CompilationUnitSyntax)tree.GetRoot(ct);
        foreach (var directive in root.GetReferenceDirectives().Cast<DirectiveTriviaSyntax>().Concat(root.GetLoadDirectives()))
        {
            var line = directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var which = directive is ReferenceDirectiveTriviaSyntax ? "#r" : "#load";
            return new Result(source, true, $"line {line}: `{which}` is not allowed: a submission is one piece of code and uses only the assemblies the question provides.");
        }
        var isScript = root.Members.Any(m => m is not (BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax));
        return isScript ? new Result(Convert(tree, root, entryClass, entryMethod, references, ct), true, null) : new Result(source, false, null);
    }

    private static string Convert(SyntaxTree tree, CompilationUnitSyntax root, string entryClass, string entryMethod, ImmutableArray<MetadataReference> references, CancellationToken ct)
    {
        // The script's own compilation infers the types of its `var` fields.
        var script = CSharpCompilation.CreateScriptCompilation("Script", tree, references, SubmissionCompiler.Options.WithUsings("System", "System.Collections.Generic", "System.Linq"));
        var model = script.GetSemanticModel(tree);
        var head = new StringBuilder();
        var members = new StringBuilder();
        var statements = new StringBuilder();
        foreach (var extern_ in root.Externs) Place(head, extern_, extern_.ToFullString());
        foreach (var directive in root.Usings) Place(head, directive, directive.ToFullString());
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                    Place(members, member, member.ToFullString());
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    Place(members, member, "static " + Typed(local.Declaration, model, ct).ToFullString().TrimStart() + ";\n");
                    break;
                case GlobalStatementSyntax statement:
                    Place(statements, member, statement.Statement.ToFullString());
                    break;
                case FieldDeclarationSyntax field:
                    Place(members, member, Static(field.WithDeclaration(Typed(field.Declaration, model, ct)), publicToo: false).ToFullString());
                    break;
                case MethodDeclarationSyntax method:
                    Place(members, member, Static(method, publicToo: method.Identifier.Text == entryMethod).ToFullString());
                    break;
                case BasePropertyDeclarationSyntax or EventFieldDeclarationSyntax:
                    Place(members, member, Static(member, publicToo: false).ToFullString());
                    break;
                default:
                    Place(members, member, member.ToFullString());
                    break;
            }
        }
        var text = new StringBuilder(head.ToString());
        text.Append("#line hidden\npublic static class ").Append(entryClass).Append("\n{\n").Append(members);
        if (statements.Length > 0) text.Append("#line hidden\nstatic ").Append(entryClass).Append("()\n{\n").Append(statements).Append("#line hidden\n}\n");
        text.Append("#line hidden\n}\n");
        return text.ToString();
    }

    /// <summary>Appends <paramref name="text"/> under a <c>#line</c> that maps it back to where <paramref name="node"/> stood.</summary>
    private static void Place(StringBuilder to, SyntaxNode node, string text)
    {
        var line = node.SyntaxTree.GetLineSpan(node.FullSpan).StartLinePosition.Line + 1;
        to.Append("#line ").Append(line).Append(" \"Submission.cs\"\n").Append(text);
        if (!text.EndsWith('\n')) to.Append('\n');
    }

    private static MemberDeclarationSyntax Static(MemberDeclarationSyntax member, bool publicToo)
    {
        var lead = member.GetLeadingTrivia();
        var bare = member.WithoutLeadingTrivia();
        var modifiers = bare.Modifiers;
        if (!modifiers.Any(SyntaxKind.StaticKeyword) && !modifiers.Any(SyntaxKind.ConstKeyword))
            modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (publicToo && !modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword))
            modifiers = modifiers.Insert(0, SyntaxFactory.Token(SyntaxKind.PublicKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        return bare.WithModifiers(modifiers).WithLeadingTrivia(lead);
    }

    /// <summary>A `var` declaration with the type the script infers for it, so it can be a field.</summary>
    private static VariableDeclarationSyntax Typed(VariableDeclarationSyntax declaration, SemanticModel model, CancellationToken ct)
    {
        if (!declaration.Type.IsVar || declaration.Variables.Count != 1) return declaration;
        var type = model.GetDeclaredSymbol(declaration.Variables[0], ct) switch
        {
            IFieldSymbol f => f.Type,
            ILocalSymbol l => l.Type,
            _ => null,
        };
        if (type is null or IErrorTypeSymbol || type.IsAnonymousType) return declaration;
        return declaration.WithType(SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithTriviaFrom(declaration.Type));
    }
}
