using Autograder.Core.Inputs;
using Autograder.Solvers.Solvers;

namespace Autograder.Solvers;

public static class SolverRegistry
{
    private static readonly Dictionary<string, ISolver> ById = Create().ToDictionary(s => s.Id, StringComparer.Ordinal);

    public static IReadOnlyCollection<ISolver> All => ById.Values;

    public static bool TryGet(string id, out ISolver solver) => ById.TryGetValue(id, out solver!);

    public static ISolver Get(string id) =>
        ById.TryGetValue(id, out var solver)
            ? solver
            : throw new BadInputException("solver", $"unknown solver id '{id}' (see `autograder solve --list`)");

    private static IEnumerable<ISolver> Create() =>
    [
        new BeamSearchSolver(),
        new ArgmaxAttentionSolver(),
        new SoftmaxAttentionSolver(),
        new ConvOutputShapeSolver(),
        new CnnLayerTableSolver(),
        new ReceptiveFieldSolver(),
        new DilatedConvSolver(),
        new BnSimplifiedGradientSolver(),
        new RnnBackpropSolver(),
        new PurifierLambdaRangeSolver(),
        new PurifierLossesSolver(),
        new ScaledDotProductSolver(),
        new LinearRnnAttentionSolver(),
        new GnnMaskedBceSolver(),
        new AdamStepSolver(),
        new PurifierCompareSolver(),
        new NoComputationSolver(),
        new BatchNormGaussianSolver(),
        new RnnBackpropEdgesSolver(),
        new CircularShiftFeaturesSolver(),
        new DecoderInputsSolver(),
        new GnnUpdateValiditySolver(),
        new GnnSmallGraphSolver(),
        new DropoutTikhonovSolver(),
        new PolynomialKernelAttentionSolver(),
        new LinearAutoencoderPcaSolver(),
        new NormalizationDiagramSolver(),
        new InitializationCurvesSolver(),
    ];
}
