namespace Autograder.Tensors;
internal static class AssemblyMarker;
