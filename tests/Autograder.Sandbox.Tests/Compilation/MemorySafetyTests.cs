using Autograder.Sandbox.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autograder.Sandbox.Tests.Compilation;

/// <summary>
/// Walks every public member of every type the allowlist admits, in the reference assemblies submissions compile
/// against, and requires the allowlist to refuse each one that can read or write outside an object's bounds.
/// </summary>
public sealed class MemorySafetyTests
{
    private static readonly CSharpCompilation Compilation = CSharpCompilation.Create("Walk", [], Basic.Reference.Assemblies.Net100.References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The shapes of an unchecked member: a pointer anywhere in the signature, a reference plus an integer offset, or a name that documents it.</summary>
    private static bool LooksUnchecked(ISymbol member)
    {
        var parameters = member switch
        {
            IMethodSymbol m => m.Parameters,
            IPropertySymbol p => p.Parameters,
            _ => [],
        };
        var returned = member switch
        {
            IMethodSymbol m => m.ReturnType,
            IPropertySymbol p => p.Type,
            IFieldSymbol f => f.Type,
            _ => null,
        };
        var pointer = returned is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameters.Any(p => p.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol);
        var refPlusOffset = parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter && p.Type is not IArrayTypeSymbol)
            && parameters.Any(p => p.RefKind == RefKind.None && p.Type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Int32
                or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64);
        var named = member.Name.Contains("Unsafe", StringComparison.Ordinal) || member.Name.StartsWith("Dangerous", StringComparison.Ordinal);
        return pointer || refPlusOffset || named;
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
                foreach (var t in Types(ns)) yield return t;
            else if (member is INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } type)
            {
                yield return type;
                foreach (var nested in Types(type)) yield return nested;
            }
        }
    }

    [Fact]
    public void EveryUncheckedMemberOfAnAllowedType_IsRefused()
    {
        var walked = 0;
        var unchecked_ = new List<string>();
        var admitted = new List<string>();
        foreach (var type in Types(Compilation.GlobalNamespace).Where(t => ApiAllowlist.AdmitsType(t, Compilation, [])))
        {
            foreach (var member in type.GetMembers().Where(m => m.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected))
            {
                walked++;
                if (!LooksUnchecked(member)) continue;
                var name = $"{type.ToDisplayString()}.{member.Name}";
                unchecked_.Add(name);
                if (ApiAllowlist.DeniedMember(member, Compilation, []) is null) admitted.Add(member.ToDisplayString());
            }
        }

        Assert.True(walked > 5_000, $"only {walked} members walked");
        Assert.Contains("System.Numerics.Vector.LoadUnsafe", unchecked_);
        Assert.Contains("System.Numerics.Vector.StoreUnsafe", unchecked_);
        Assert.True(admitted.Count == 0, "admitted unchecked members:\n" + string.Join("\n", admitted.Distinct().Take(40)));
    }
}
