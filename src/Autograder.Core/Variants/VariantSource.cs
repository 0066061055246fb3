using Autograder.Core.Bank;

namespace Autograder.Core.Variants;

/// <summary>Makes a student's variant of a problem; the solvers' <c>VariantFactory.Create</c> is the production one.</summary>
public delegate Variant VariantSource(ProblemDefinition problem, long seed, string studentId);
