using TorchSharp;

namespace Autograder.Tensors.CrossChecks;

/// <summary>The one place that chooses where cross-checks run: CUDA when present, else the CPU.</summary>
public static class TorchDevice
{
    private static readonly Lazy<torch.Device> Chosen = new(() => torch.cuda.is_available() ? torch.CUDA : torch.CPU);

    public static torch.Device Default => Chosen.Value;
}
