using TorchSharp;
using static TorchSharp.torch;

namespace Autograder.Tensors.CrossChecks;

/// <summary>Which axes torch's own normalization layers pool, found by running them on a random activation.</summary>
public static class NormalizationCrossChecks
{
    /// <summary>The axes of an [N, C, H, W] activation, in order.</summary>
    public static IReadOnlyList<string> Axes { get; } = ["N", "C", "H", "W"];

    /// <summary>
    /// The smallest set of axes over which the output of torch's <paramref name="kind"/> normalization (batch, layer
    /// or instance) has mean 0 and mean square 1 for every index of the other axes: the entries normalized together.
    /// </summary>
    public static IReadOnlyList<string> PooledAxes(string kind)
    {
        using var scope = NewDisposeScope();
        const int n = 3, c = 4, h = 5, w = 6;
        var generator = new Generator(182, TorchDevice.Default);
        var x = randn([n, c, h, w], float64, TorchDevice.Default, generator: generator) * 3 + 2;
        Tensor y = kind switch
        {
            "batch" => nn.BatchNorm2d(c, device: TorchDevice.Default, dtype: float64).call(x),
            "layer" => nn.LayerNorm([c, h, w], device: TorchDevice.Default, dtype: float64).call(x),
            "instance" => nn.InstanceNorm2d(c, device: TorchDevice.Default, dtype: float64).call(x),
            _ => throw new ArgumentException($"unknown normalization '{kind}'", nameof(kind)),
        };
        var subsets = Enumerable.Range(1, 15)
            .Select(mask => Enumerable.Range(0, 4).Where(axis => (mask >> axis & 1) == 1).Select(a => (long)a).ToArray())
            .OrderBy(s => s.Length);
        foreach (var dims in subsets)
        {
            var mean = y.mean(dims, keepdim: true);
            var square = (y * y).mean(dims, keepdim: true);
            if (mean.abs().max().item<double>() < 1e-6 && (square - 1).abs().max().item<double>() < 1e-3)
                return [.. dims.Select(d => Axes[(int)d])];
        }
        throw new InvalidOperationException($"{kind} normalization pooled no set of axes");
    }
}
