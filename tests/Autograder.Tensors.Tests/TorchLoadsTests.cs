using Autograder.Tensors.CrossChecks;
using TorchSharp;

namespace Autograder.Tensors.Tests;

public sealed class TorchLoadsTests
{
    [Fact]
    public void Matmul_GivesTheProduct_OnTheDefaultDevice()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4 }, [2, 2], torch.float64, TorchDevice.Default);
        var b = torch.tensor(new double[] { 5, 6, 7, 8 }, [2, 2], torch.float64, TorchDevice.Default);

        var product = torch.matmul(a, b).cpu().data<double>().ToArray();

        Assert.Equal([19.0, 22.0, 43.0, 50.0], product);
    }
}
