using Autograder.Core.Inputs;

namespace Autograder.Solvers.Generators;

public static class GeneratorRegistry
{
    private static readonly Dictionary<string, IGenerator> ById = new IGenerator[]
    {
        new BeamTreeGenerator(),
        new EosBeamTreeGenerator(),
        new ArgmaxAttentionGenerator(),
        new LinearRnnAttentionGenerator(),
        new ConvShapesGenerator(),
        new CnnTableGenerator(),
        new DilatedConvGenerator(),
        new ReceptiveFieldGenerator(),
        new BatchNormGradientGenerator(),
        new PurifierCompareGenerator(),
        new PurifierRangeGenerator(),
        new GaussianBatchNormGenerator(),
        new UnrolledRnnGenerator(),
        new CircularShiftGenerator(),
        new TranslationGenerator(),
        new GnnRulesGenerator(),
        new GnnGraphGenerator(),
        new DropoutGenerator(),
        new ScaledDotProductGenerator(),
        new PolynomialKernelGenerator(),
        new PcaGenerator(),
        new FixedGenerator(),
        new NormalizationDiagramsGenerator(),
        new InitializationCurvesGenerator(),
    }.ToDictionary(g => g.Id, StringComparer.Ordinal);

    public static IReadOnlyCollection<IGenerator> All => ById.Values;

    public static IGenerator Get(string id) =>
        ById.TryGetValue(id, out var generator)
            ? generator
            : throw new BadInputException("generator.id", $"unknown generator '{id}' (known: {string.Join(", ", ById.Keys.Order(StringComparer.Ordinal))})");
}
