using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// Dropout on the input features of least squares (keep probability p) as Tikhonov regularization:
/// E‖y − (R⊙X)w̌‖² = ‖y − pXw̌‖² + p(1−p)‖Γ̌w̌‖² with Γ̌ = diag of the column norms of X; w = p·w̌ and
/// Γ = √((1−p)/p) Γ̌ turn it into ‖y − Xw‖² + ‖Γw‖², and X̃ = XΓ⁻¹ into classical ridge.
/// </summary>
public sealed class DropoutTikhonovSolver : ISolver
{
    public string Id => "dropout-tikhonov";

    public string Description => "Dropout on least-squares features as Tikhonov regularization: Γ̌, Γ, the rescaled weights, X̃ = XΓ⁻¹ and the expected loss.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var x = p.Matrix("X");
        var keep = p.Number("p");
        if (keep is <= 0 or >= 1)
        {
            throw p.Bad("p", "a keep probability must lie strictly between 0 and 1");
        }

        int n = x.Length, d = x[0].Length;
        var norms = Enumerable.Range(0, d).Select(j => Math.Sqrt(x.Sum(row => row[j] * row[j]))).ToArray();
        if (Array.FindIndex(norms, v => v == 0) is >= 0 and var zero)
        {
            throw p.Bad("X", $"column {zero} is zero, so Γ is not invertible");
        }

        var scale = Math.Sqrt((1 - keep) / keep);
        var gamma = norms.Select(v => scale * v).ToArray();
        var xTilde = x.Select(row => row.Select((v, j) => v / gamma[j]).ToArray()).ToArray();
        var answers = new JsonObject
        {
            ["gamma_check"] = Answer.Vector(norms),
            ["gamma_scale"] = Answer.Number(scale),
            ["gamma"] = Answer.Vector(gamma),
            ["lambda"] = Answer.Number((1 - keep) / keep),
            ["X_tilde"] = Answer.Matrix(xTilde),
            ["X_tilde_column_norms"] = Answer.Vector(Enumerable.Range(0, d).Select(j => Math.Sqrt(xTilde.Sum(row => row[j] * row[j])))),
        };

        if (p.Has("w_dropout"))
        {
            var wDrop = p.Vector("w_dropout");
            if (wDrop.Length != d)
            {
                throw p.Bad("w_dropout", $"has {wDrop.Length} entries but X has {d} columns");
            }

            answers["w"] = Answer.Vector(wDrop.Select(v => keep * v));
            if (p.Has("y"))
            {
                var y = p.Vector("y");
                if (y.Length != n)
                {
                    throw p.Bad("y", $"has {y.Length} entries but X has {n} rows");
                }

                var fit = y.Select((yi, i) => yi - (keep * VectorMath.Dot(x[i], wDrop))).Sum(r => r * r);
                var penalty = keep * (1 - keep) * wDrop.Select((w, j) => norms[j] * norms[j] * w * w).Sum();
                answers["expected_loss"] = Answer.Number(fit + penalty);
                answers["fit_term"] = Answer.Number(fit);
                answers["penalty_term"] = Answer.Number(penalty);
            }
        }
        else if (p.Has("y"))
        {
            throw new BadInputException(p.Field("w_dropout"), "is needed with y to evaluate the expected loss");
        }

        return answers;
    }
}
