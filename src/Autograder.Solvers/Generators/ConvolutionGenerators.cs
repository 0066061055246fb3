using System.Text.Json.Nodes;
using Autograder.Core.Variants;

namespace Autograder.Solvers.Generators;

/// <summary>
/// One input and filter count with several kernel/stride/padding cases (Spring 2023 Q3a): a "same" case and a
/// strided one where the floor changes the size, so the no-floor mistake is visible.
/// </summary>
public sealed class ConvShapesGenerator : IGenerator
{
    public string Id => "conv-shapes";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var batch = rng.Pick([4, 8, 10, 16, 32]);
        var channels = rng.Pick([1, 3]);
        var size = rng.Pick([28, 31, 32, 33, 63, 64]);
        var filters = rng.Pick([16, 32, 64, 128]);
        var sameKernel = rng.Pick([3, 5]);
        return Retry.Until(Id, () =>
        {
            var kernel = rng.NextInt(2, 5);
            var padding = rng.NextInt(0, 2);
            var stride = rng.NextInt(2, 3);
            if ((size + 2 * padding - kernel) % stride == 0 || padding >= kernel) return null;
            return new JsonObject
            {
                ["input"] = J.Ints([batch, channels, size, size]),
                ["filters"] = filters,
                ["cases"] = new JsonArray(
                    new JsonObject { ["kernel"] = sameKernel, ["stride"] = 1, ["padding"] = (sameKernel - 1) / 2 },
                    new JsonObject { ["kernel"] = kernel, ["stride"] = stride, ["padding"] = padding }),
            };
        });
    }
}

/// <summary>A CONV-POOL-CONV-POOL-FLATTEN-FC stack whose sizes divide evenly (Fall 2022 Q7a).</summary>
public sealed class CnnTableGenerator : IGenerator
{
    public string Id => "cnn-table";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var size = rng.Pick([16, 20, 24, 28, 32]);
        var channels = rng.Pick([1, 3]);
        var first = rng.Pick([4, 6, 8, 10, 16]);
        var second = rng.Pick([4, 8, 10, 12, 16]);
        var classes = rng.Pick([2, 3, 4, 5, 10]);
        return new JsonObject
        {
            ["input"] = J.Ints([size, size, channels]),
            ["layers"] = new JsonArray("CONV3-" + first, "POOL2", "CONV3-" + second, "POOL2", "FLATTEN", "FC-" + classes),
        };
    }
}

/// <summary>A small integer image and kernel for a dilated cross-correlation with a non-empty output (Spring 2023 Q3d i).</summary>
public sealed class DilatedConvGenerator : IGenerator
{
    public string Id => "dilated-conv";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var size = rng.NextInt(options.Int("min_size", 3), options.Int("max_size", 5));
        var dilation = options.Int("dilation", 2);
        var kernel = 2;
        var image = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++) image[i, j] = rng.NextInt(0, 9);
        }
        var k = new double[kernel, kernel];
        for (var i = 0; i < kernel; i++)
        {
            for (var j = 0; j < kernel; j++) k[i, j] = rng.NextInt(-1, 2);
        }
        if (k[0, 0] == 0) k[0, 0] = 1;
        return new JsonObject { ["input"] = J.Matrix(image), ["kernel"] = J.Matrix(k), ["dilation"] = dilation };
    }
}

/// <summary>Two or three stacked 3×3 layers with growing dilation (Spring 2023 Q3d ii).</summary>
public sealed class ReceptiveFieldGenerator : IGenerator
{
    public string Id => "receptive-field";

    public JsonObject Generate(SplitMix64 rng, GeneratorOptions options)
    {
        var count = rng.NextInt(2, options.Int("max_layers", 3));
        var layers = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            layers.Add(new JsonObject { ["kernel"] = rng.Pick([2, 3, 3, 5]), ["dilation"] = 1 << rng.NextInt(0, i + 1) });
        }
        return new JsonObject { ["layers"] = layers };
    }
}
