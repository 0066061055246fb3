using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Autograder.Deploy.Tests.Support;

/// <summary>The Kubernetes manifests of deploy/kubernetes, read with the KubernetesClient's own models.</summary>
public sealed class Manifests(IReadOnlyList<object> objects)
{
    private static readonly Dictionary<string, Type> Crds = new(StringComparer.Ordinal)
    {
        ["keda.sh/v1alpha1/ScaledObject"] = typeof(ScaledObject),
        ["keda.sh/v1alpha1/TriggerAuthentication"] = typeof(TriggerAuthentication),
    };

    public static string Folder => Repository.PathOf("deploy", "kubernetes");

    public IReadOnlyList<object> Objects => objects;
    public IEnumerable<T> All<T>() => objects.OfType<T>();
    public IEnumerable<V1Deployment> Deployments => All<V1Deployment>();
    public IEnumerable<V1Deployment> Workers => Deployments.Where(d => d.Spec.Template.Spec.Containers[0].Args?.FirstOrDefault() == "worker");
    public V1Deployment Deployment(string name) => Deployments.Single(d => d.Metadata.Name == name);

    /// <summary>Every manifest file under deploy/kubernetes (the kustomization files excepted), as written.</summary>
    public static Manifests Written() => new([.. ManifestFiles().SelectMany(f => Load(File.ReadAllText(f), f))]);

    public static IEnumerable<string> ManifestFiles() => Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal);

    /// <summary>The example overlay as <c>kubectl kustomize</c> builds it (offline), or null where kubectl is not installed.</summary>
    public static Manifests? Rendered()
    {
        if (!System.Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "kubectl")))) return null;
        var info = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Folder, "overlays", "example")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "kubectl kustomize failed: " + error);
        return new([.. Load(output.Result, "kubectl kustomize overlays/example")]);
    }

    private static IEnumerable<object> Load(string yaml, string source)
    {
        try
        {
            return KubernetesYaml.LoadAllFromString(yaml, Crds);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The environment a container gets from its ConfigMaps (envFrom) and its own env entries, with literal values where known.</summary>
    public Dictionary<string, string> Environment(V1Container container)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var map = All<V1ConfigMap>().SingleOrDefault(m => m.Metadata.Name == source.ConfigMapRef?.Name);
            Assert.True(map is not null, $"{container.Name}: no ConfigMap '{source.ConfigMapRef?.Name}'");
            foreach (var (k, v) in map.Data) variables[k] = v;
        }
        foreach (var variable in container.Env ?? []) variables[variable.Name] = variable.Value ?? "";
        return variables;
    }
}
