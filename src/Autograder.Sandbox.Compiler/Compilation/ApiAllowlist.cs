using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autograder.Sandbox.Compilation;

/// <summary>A use of an API that submissions may not touch, with its 1-based line and a plain explanation.</summary>
public sealed record ApiViolation(int Line, string Message);

/// <summary>
/// The first isolation layer: every symbol a submission names or binds to (query clauses included), checked on the
/// semantic model against an allowlist of namespaces and types. No file system, network, processes, reflection, interop,
/// unsafe code, environment, standard input, no member that reads or writes memory without bounds checks (pointers, a
/// reference plus an offset, the documented unchecked ones), and no second thread by any route (threads, tasks, async
/// methods, finalizers) unless a question allows System.Threading.Tasks. The process layers contain whatever slips past it.
/// </summary>
public static class ApiAllowlist
{
    private static readonly HashSet<string> AllowedNamespaces = new(StringComparer.Ordinal)
    {
        "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Numerics",
        "System.Text.RegularExpressions", "System.Globalization",
    };

    private static readonly HashSet<string> AllowedSystemTypes = new(StringComparer.Ordinal)
    {
        "Object", "String", "Boolean", "Byte", "SByte", "Char", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        "Int128", "UInt128", "IntPtr", "UIntPtr", "Single", "Double", "Half", "Decimal", "Void", "Math", "MathF", "Array",
        "ArraySegment", "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "MemoryExtensions", "Nullable", "ValueTuple", "Tuple",
        "Func", "Action", "Predicate", "Comparison", "Converter", "IComparable", "IEquatable", "IDisposable", "IFormattable",
        "IFormatProvider", "ISpanFormattable", "IParsable", "ISpanParsable", "Enum", "Index", "Range", "HashCode", "Random", "Convert",
        "BitConverter", "StringComparer", "StringComparison", "StringSplitOptions", "MidpointRounding", "DateTime", "TimeSpan",
        "Guid", "Lazy", "Console", "FormattableString", "TupleExtensions", "Exception", "ICloneable",
    };

    private static readonly HashSet<string> AllowedConsoleMembers = new(StringComparer.Ordinal) { "Write", "WriteLine" };

    private static readonly HashSet<string> DeniedMembers = new(StringComparer.Ordinal)
    {
        "System.Exception.TargetSite", "System.Object.GetType", "System.Array.CreateInstance", "System.Array.CreateInstanceFromArrayType",
        "System.Exception.GetObjectData",
        // TorchSharp, for questions that allow TorchSharp.torch: its files, native handles and threads stay out of reach.
        "TorchSharp.torch.save", "TorchSharp.torch.load", "TorchSharp.torch.from_file", "TorchSharp.torch.InitializeDevice",
        "TorchSharp.torch.InitializeDeviceType", "TorchSharp.torch.TryInitializeDeviceType", "TorchSharp.torch.set_num_threads",
        "TorchSharp.torch.set_num_interop_threads", "TorchSharp.torch.Tensor.save", "TorchSharp.torch.Tensor.load", "TorchSharp.torch.Tensor.Load",
        "TorchSharp.torch.Tensor.ReadBytesFromStream", "TorchSharp.torch.Tensor.WriteBytesToStream", "TorchSharp.torch.Tensor.Handle",
        "TorchSharp.torch.Tensor.DecoupleFromNativeHandle", "TorchSharp.torch.nn.Module.save", "TorchSharp.torch.nn.Module.load",
        "TorchSharp.torch.nn.Module.Create", "TorchSharp.torch.nn.Module.save_state_dict",
    };

    private static readonly HashSet<string> DeniedTypes = new(StringComparer.Ordinal)
    {
        // PLINQ runs threads; IQueryable compiles expression trees.
        "System.Linq.ParallelEnumerable", "System.Linq.ParallelQuery", "System.Linq.Queryable", "System.Linq.IQueryable",
        "System.Linq.IOrderedQueryable", "System.Linq.IQueryProvider", "System.Linq.EnumerableQuery", "System.Linq.EnumerableExecutor",
        // Nested in TorchSharp.torch: model files, downloads, data loaders (threads) and tensorboard files.
        "TorchSharp.torch.jit", "TorchSharp.torch.export", "TorchSharp.torch.hub", "TorchSharp.torch.utils",
    };

    /// <summary>The first violation in <paramref name="tree"/>, or null. <paramref name="extra"/> adds namespaces or full type names a question allows.</summary>
    public static ApiViolation? Check(CSharpCompilation compilation, SyntaxTree tree, IReadOnlyCollection<string> extra, CancellationToken ct)
    {
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot(ct);
        foreach (var node in root.DescendantNodesAndTokens(descendIntoTrivia: false))
        {
            ct.ThrowIfCancellationRequested();
            if (node.IsToken)
            {
                var kind = node.AsToken().Kind();
                if (kind is SyntaxKind.UnsafeKeyword) return At(node, "`unsafe` code is not allowed: submissions use safe C# only.");
                if (kind is SyntaxKind.ExternKeyword) return At(node, "`extern` methods are not allowed: native code is not part of any problem.");
                if (kind is SyntaxKind.AsyncKeyword && !extra.Contains(Tasks))
                    return At(node, "`async` is not allowed: an async method's continuations run on other threads, and this problem does not allow threads.");
                if (kind is SyntaxKind.ArgListKeyword or SyntaxKind.MakeRefKeyword or SyntaxKind.RefTypeKeyword or SyntaxKind.RefValueKeyword)
                    return At(node, $"`{node}` is not allowed.");
                continue;
            }
            var syntax = node.AsNode()!;
            switch (syntax)
            {
                case PointerTypeSyntax or FunctionPointerTypeSyntax:
                    return At(node, "pointers and function pointers are not allowed: submissions use safe C# only.");
                case FixedStatementSyntax:
                    return At(node, "`fixed` is not allowed: submissions use safe C# only.");
                case DestructorDeclarationSyntax:
                    return At(node, "finalizers (`~Type()`) are not allowed: they run on the runtime's finalizer thread.");
                case AwaitExpressionSyntax when !extra.Contains(Tasks):
                    return At(node, "`await` is not allowed: its continuations run on other threads, and this problem does not allow threads.");
                case QueryClauseSyntax or SelectOrGroupClauseSyntax or OrderingSyntax or QueryContinuationSyntax:
                    // A query clause names no method, yet binds to one (Select, Where, SelectMany, ...): check what it binds to.
                    foreach (var bound in QuerySymbols(model, syntax, ct))
                        if (Denied(bound, compilation, extra) is { } queryWhy) return At(node, queryWhy);
                    break;
                case LambdaExpressionSyntax or AnonymousMethodExpressionSyntax
                    when model.GetTypeInfo(syntax, ct).ConvertedType is INamedTypeSymbol { ContainingNamespace: var lambdaNs } && lambdaNs?.ToDisplayString() == "System.Linq.Expressions":
                    return At(node, "a lambda as an expression tree is not allowed: expression trees are compiled at run time by reflection.");
                case UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0 }:
                    continue; // a namespace import names no API by itself; what is used through it is checked where it is used
                case IdentifierNameSyntax or GenericNameSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                    or ElementAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or AttributeSyntax
                    or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax:
                    var info = model.GetSymbolInfo(syntax, ct);
                    var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (symbol is not null && Denied(symbol, compilation, extra) is { } why) return At(node, why);
                    if (syntax is IdentifierNameSyntax && model.GetTypeInfo(syntax, ct).Type is { TypeKind: TypeKind.Dynamic })
                        return At(node, "`dynamic` is not allowed: it resolves members by reflection at run time.");
                    break;
            }
        }
        return null;
    }

    private const string Tasks = "System.Threading.Tasks";

    private static ApiViolation At(SyntaxNodeOrToken node, string message) =>
        new(node.GetLocation()!.GetMappedLineSpan().StartLinePosition.Line + 1, message);

    private static IEnumerable<ISymbol> QuerySymbols(SemanticModel model, SyntaxNode clause, CancellationToken ct)
    {
        if (clause is QueryClauseSyntax query)
        {
            var info = model.GetQueryClauseInfo(query, ct);
            if (info.CastInfo.Symbol is { } cast) yield return cast;
            if (info.OperationInfo.Symbol is { } operation) yield return operation;
        }
        else if (clause is SelectOrGroupClauseSyntax or OrderingSyntax)
        {
            var info = model.GetSymbolInfo(clause, ct);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is { } symbol) yield return symbol;
        }
    }

    /// <summary>Why a member of an allowed type is still refused, or null: the allowlist's decision on one symbol, for tests that walk the allowed types.</summary>
    public static string? DeniedMember(ISymbol member, Microsoft.CodeAnalysis.Compilation compilation, IReadOnlyCollection<string> extra) => Denied(member, compilation, extra);

    /// <summary>Whether the allowlist admits <paramref name="type"/> itself (its members are checked one by one).</summary>
    public static bool AdmitsType(INamedTypeSymbol type, Microsoft.CodeAnalysis.Compilation compilation, IReadOnlyCollection<string> extra) => DeniedType(type, compilation, extra) is null;

    /// <summary>
    /// Members that read or write memory without bounds checks, though they need no `unsafe`: a pointer in the signature,
    /// a reference plus an offset or length (<c>Vector.LoadUnsafe(ref T, nuint)</c>), or a name that documents it (Unsafe, Dangerous).
    /// </summary>
    public static string? Unchecked(ISymbol member)
    {
        var (parameters, returned) = member switch
        {
            IMethodSymbol m => (m.Parameters, m.ReturnType),
            IPropertySymbol p => (p.Parameters, p.Type),
            IFieldSymbol f => (ImmutableArray<IParameterSymbol>.Empty, f.Type),
            _ => (ImmutableArray<IParameterSymbol>.Empty, (ITypeSymbol?)null),
        };
        var name = member.Name;
        if (name.Contains("Unsafe", StringComparison.Ordinal) || name.StartsWith("Dangerous", StringComparison.Ordinal))
            return $"`{Display(member)}` is not allowed: it reads or writes memory without bounds checks.";
        if (returned is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameters.Any(p => p.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol))
            return $"`{Display(member)}` is not allowed: it takes or returns a pointer.";
        var byReference = parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter && p.Type is not IArrayTypeSymbol);
        var offset = parameters.Any(p => p.RefKind == RefKind.None && p.Type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64);
        return byReference && offset ? $"`{Display(member)}` is not allowed: a reference plus an offset reads or writes memory without bounds checks." : null;
    }

    private static string Display(ISymbol member) => $"{member.ContainingType?.OriginalDefinition.ToDisplayString(QualifiedName)}.{member.Name}";

    private static string? Denied(ISymbol symbol, Microsoft.CodeAnalysis.Compilation compilation, IReadOnlyCollection<string> extra)
    {
        switch (symbol)
        {
            case IAliasSymbol alias:
                return Denied(alias.Target, compilation, extra);
            case INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol:
                return null;
            case ITypeSymbol type:
                return DeniedType(type, compilation, extra);
            case IMethodSymbol { ReducedFrom: { } extension }:
                return Denied(extension, compilation, extra);
        }
        if (SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly)) return null;
        if (symbol.ContainingType is { } owner && DeniedType(owner, compilation, extra) is { } why) return why;
        var name = $"{symbol.ContainingType?.OriginalDefinition.ToDisplayString(QualifiedName)}.{symbol.Name}";
        if (Unchecked(symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol) is { } unchecked_) return unchecked_;
        if (DeniedMembers.Contains(name) && !extra.Contains(name))
            return $"`{name}` is not allowed: it reaches {Reason(name)}.";
        if (symbol.ContainingType?.OriginalDefinition.ToDisplayString(QualifiedName) == "System.Console" && !AllowedConsoleMembers.Contains(symbol.Name))
            return $"`Console.{symbol.Name}` is not allowed: submissions get their inputs as arguments and may only write with Console.Write and Console.WriteLine.";
        if (symbol is IMethodSymbol method)
        {
            foreach (var argument in method.TypeArguments)
                if (DeniedType(argument, compilation, extra) is { } argWhy) return argWhy;
        }
        return null;
    }

    private static readonly SymbolDisplayFormat QualifiedName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    private static string? DeniedType(ITypeSymbol type, Microsoft.CodeAnalysis.Compilation compilation, IReadOnlyCollection<string> extra)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return DeniedType(array.ElementType, compilation, extra);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers and function pointers are not allowed: submissions use safe C# only.";
            case IDynamicTypeSymbol:
                return "`dynamic` is not allowed: it resolves members by reflection at run time.";
            case ITypeParameterSymbol or IErrorTypeSymbol:
                return null;
            case INamedTypeSymbol named:
                if (SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly)) return null;
                foreach (var argument in named.TypeArguments)
                    if (DeniedType(argument, compilation, extra) is { } why) return why;
                var outermost = named.OriginalDefinition;
                while (outermost.ContainingType is { } outer) outermost = outer;
                var ns = outermost.ContainingNamespace?.ToDisplayString() ?? "";
                var full = named.OriginalDefinition.ToDisplayString(QualifiedName);
                var outerFull = outermost.ToDisplayString(QualifiedName);
                // A nested type denied by name stays denied when a question allows the type around it.
                for (var level = named.OriginalDefinition; level.ContainingType is not null; level = level.ContainingType)
                {
                    var levelName = level.ToDisplayString(QualifiedName);
                    if (DeniedTypes.Contains(levelName) && !extra.Contains(levelName)) return $"`{full}` is not allowed: it reaches {Reason(levelName)}.";
                }
                if (extra.Contains(ns) || extra.Contains(full) || extra.Contains(outerFull)) return null;
                if (DeniedTypes.Contains(outerFull)) return $"`{full}` is not allowed: it reaches {Reason(full)}.";
                if (AllowedNamespaces.Contains(ns)) return null;
                if (ns == "System" && (AllowedSystemTypes.Contains(outermost.Name) || IsException(outermost))) return null;
                return $"`{full}` is not allowed: it reaches {Reason(full)}.";
            default:
                return null;
        }
    }

    private static bool IsException(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.ToDisplayString(QualifiedName) == "System.Exception") return true;
        return false;
    }

    private static string Reason(string name) => name switch
    {
        _ when name.StartsWith("System.IO", StringComparison.Ordinal) => "the file system, which submissions may not use",
        _ when name.StartsWith("System.Net", StringComparison.Ordinal) => "the network, which submissions may not use",
        _ when name.StartsWith("System.Diagnostics", StringComparison.Ordinal) => "processes and diagnostics, which submissions may not use",
        _ when name.StartsWith("System.Reflection", StringComparison.Ordinal) || name is "System.Type" or "System.Activator" or "System.Object.GetType"
            || name.StartsWith("System.Linq.Expressions", StringComparison.Ordinal) || name.StartsWith("System.Exception.", StringComparison.Ordinal)
            || name.StartsWith("System.Array.CreateInstance", StringComparison.Ordinal) => "reflection, which submissions may not use",
        _ when name.StartsWith("System.Runtime", StringComparison.Ordinal) => "runtime internals or native interop, which submissions may not use",
        _ when name.StartsWith("System.Threading", StringComparison.Ordinal) || name.Contains("Parallel", StringComparison.Ordinal)
            => "threads, which this problem does not allow",
        _ when name is "System.Environment" or "System.AppContext" or "System.AppDomain" => "the process environment, which submissions may not use",
        _ when name is "System.GC" => "the garbage collector, which submissions may not control",
        _ when name.StartsWith("TorchSharp", StringComparison.Ordinal) => "files, downloads, threads or native handles of TorchSharp, which submissions may not use",
        _ => "an API outside what submissions may use (collections, LINQ, math, strings, Console.Write)",
    };
}
