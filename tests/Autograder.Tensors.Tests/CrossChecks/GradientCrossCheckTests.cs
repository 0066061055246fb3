using System.Text.Json.Nodes;
using Autograder.Tensors.CrossChecks;

namespace Autograder.Tensors.Tests.CrossChecks;

public sealed class GradientCrossCheckTests
{
    public static TheoryData<int> Cases => ReferenceSolver.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchNormSimplifiedGradient_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int n = random.Next(1, 9);
        var x = random.Vector(n);
        var dLdy = random.Vector(n);
        double gamma = random.Uniform(-2, 2), beta = random.Uniform(-2, 2);

        var torch = BatchNormCrossChecks.SimplifiedGradient(x, dLdy, gamma, beta);
        var solver = ReferenceSolver.Solve("bn-simplified-gradient", new JsonObject
        {
            ["x"] = ReferenceSolver.Json(x),
            ["dL_dy"] = ReferenceSolver.Json(dLdy),
            ["gamma"] = gamma,
            ["beta"] = beta,
        });

        Close.Equal(torch, ReferenceSolver.Vector(solver["dL_dx"]), "dL_dx");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RnnBackprop_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        double w = random.Uniform(-1.5, 1.5);
        var u = random.Vector(random.Next(1, 9));

        var (y, dydw) = RnnCrossChecks.ScalarBackprop(w, u);
        var solver = ReferenceSolver.Solve("rnn-backprop", new JsonObject
        {
            ["w"] = w,
            ["u"] = ReferenceSolver.Json(u),
        });

        Close.Equal(y, ReferenceSolver.Number(solver["y"]), "y");
        Close.Equal(dydw, ReferenceSolver.Number(solver["dy_dw"]), "dy_dw");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AdamStep_AgreesWithSolver_OnSeededCase(int @case)
    {
        var random = ReferenceSolver.Random(@case);
        int n = random.Next(1, 7);
        double beta1 = random.Uniform(0.5, 0.99), beta2 = random.Uniform(0.9, 0.9999), eta = random.Uniform(0.001, 0.5);
        // Without eps, a zero gradient on a fresh moment divides 0 by 0: keep gradients away from zero.
        var g = random.Vector(n).Select(v => Math.Abs(v) < 0.01 ? 0.5 : v).ToArray();
        var mPrev = random.Vector(n, -1, 1);
        var vPrev = random.Vector(n, 0, 2);
        var thetaPrev = random.Vector(n);
        bool withEps = @case % 2 == 0;
        double eps = withEps ? 1e-8 : 0;

        var parameters = new JsonObject
        {
            ["beta1"] = beta1,
            ["beta2"] = beta2,
            ["eta"] = eta,
            ["g"] = ReferenceSolver.Json(g),
            ["m_prev"] = ReferenceSolver.Json(mPrev),
            ["v_prev"] = ReferenceSolver.Json(vPrev),
            ["theta_prev"] = ReferenceSolver.Json(thetaPrev),
        };
        if (withEps)
            parameters["eps"] = eps;

        var torch = AdamCrossChecks.Step(beta1, beta2, eta, eps, g, mPrev, vPrev, thetaPrev);
        var solver = ReferenceSolver.Solve("adam-step", parameters);

        Close.Equal(torch.M, ReferenceSolver.Vector(solver["m"]), "m");
        Close.Equal(torch.V, ReferenceSolver.Vector(solver["v"]), "v");
        Close.Equal(torch.Theta, ReferenceSolver.Vector(solver["theta"]), "theta");
    }
}
