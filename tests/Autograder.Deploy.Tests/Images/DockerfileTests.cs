using System.Text.RegularExpressions;
using System.Xml.Linq;
using Autograder.Deploy.Tests.Support;

namespace Autograder.Deploy.Tests.Images;

/// <summary>The Dockerfiles (written and reviewed, not built here: no registry of base images is reachable).</summary>
public sealed partial class DockerfileTests
{
    private static string Dockerfile(string role) => File.ReadAllText(Repository.PathOf("deploy", "docker", $"{role}.Dockerfile"));

    [Fact]
    public void Images_EveryImageTheManifestsRun_HasAMultiStageNonRootDockerfile()
    {
        var images = Manifests.Written().Deployments.Select(d => d.Spec.Template.Spec.Containers.Single().Image).Distinct().ToList();
        Assert.Equal(["autograder-web", "autograder-worker", "autograder-worker-gpu"], images.Order());
        foreach (var image in images)
        {
            var text = Dockerfile(image["autograder-".Length..]);
            Assert.True(From().Matches(text).Count >= 2, $"{image}: one stage");
            var user = User().Matches(text).Last().Groups[1].Value;
            Assert.NotEqual("0", user.Split(':')[0]);
            Assert.NotEqual("root", user.Split(':')[0]);
        }
    }

    [Fact]
    public void Images_TheTensorRunnerAndCudaLibtorch_OnlyInTheGpuImage_AndBubblewrapOnlyInWorkers()
    {
        Assert.Contains("src/Autograder.Sandbox.TensorRunner", Dockerfile("worker-gpu"), StringComparison.Ordinal);
        Assert.Contains("-p:LibTorchPackage=${LIBTORCH}", Dockerfile("worker-gpu"), StringComparison.Ordinal);
        foreach (var role in new[] { "web", "worker" })
            Assert.DoesNotContain("Autograder.Sandbox.TensorRunner", Dockerfile(role), StringComparison.Ordinal);
        Assert.Contains("bubblewrap", Dockerfile("worker"), StringComparison.Ordinal);
        Assert.Contains("bubblewrap", Dockerfile("worker-gpu"), StringComparison.Ordinal);
        Assert.DoesNotContain("bubblewrap", Dockerfile("web"), StringComparison.Ordinal);
    }

    [Fact]
    public void TensorRunner_Libtorch_IsTheCpuPackageUnlessABuildNamesAnother()
    {
        var project = XDocument.Load(Repository.PathOf("src", "Autograder.Sandbox.TensorRunner", "Autograder.Sandbox.TensorRunner.csproj"));
        var property = project.Descendants("LibTorchPackage").Single();
        Assert.Equal("libtorch-cpu-linux-x64", property.Value);
        Assert.Equal("'$(LibTorchPackage)' == ''", property.Attribute("Condition")?.Value);
        Assert.Contains(project.Descendants("PackageReference"), r => r.Attribute("Include")?.Value == "$(LibTorchPackage)");
        var versions = XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion").Select(v => v.Attribute("Include")!.Value).ToList();
        Assert.Contains(GpuPackage().Match(Dockerfile("worker-gpu")).Groups[1].Value, versions);
    }

    [GeneratedRegex(@"^FROM\s", RegexOptions.Multiline)]
    private static partial Regex From();

    [GeneratedRegex(@"^USER\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex User();

    [GeneratedRegex(@"^ARG LIBTORCH=(\S+)", RegexOptions.Multiline)]
    private static partial Regex GpuPackage();
}
