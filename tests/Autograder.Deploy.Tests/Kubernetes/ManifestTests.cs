using Autograder.Deploy.Tests.Support;
using Autograder.Jobs.Hosting;
using Autograder.Jobs.Telemetry;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Autograder.Deploy.Tests.Kubernetes;

/// <summary>The manifests read with the Kubernetes models, checked against what the application really reads and serves.</summary>
public sealed class ManifestTests
{
    private static readonly Manifests Written = Manifests.Written();

    /// <summary>The web host's routes (Autograder.Web's service API) and the port the manifests give it.</summary>
    private const string Readiness = Web.Api.ServiceApi.ReadyPath, Liveness = Web.Api.ServiceApi.HealthPath, MetricsPath = Web.Api.ServiceApi.MetricsPath;
    private const int WebPort = 8080;

    [Fact]
    public void Manifests_LoadWithTheKubernetesModels_EveryFile()
    {
        Assert.NotEmpty(Manifests.ManifestFiles());
        var kinds = Written.Objects.Select(o => o.GetType().Name).ToHashSet();
        foreach (var kind in new[] { "V1Deployment", "V1Service", "V1Ingress", "V2HorizontalPodAutoscaler", "V1PodDisruptionBudget", "V1Job", "V1ConfigMap", "ScaledObject", "TriggerAuthentication" })
            Assert.Contains(kind, kinds);
    }

    [Fact]
    public void Settings_AreOnesTheApplicationReads_InEveryConfigMapAndContainer()
    {
        foreach (var map in Written.All<V1ConfigMap>())
            Assert.Empty(KnownSettings.BindErrors(map.Data.ToDictionary()).Select(e => $"ConfigMap {map.Metadata.Name}: {e}"));
        foreach (var container in Containers(Written))
            Assert.Empty(KnownSettings.BindErrors(Written.Environment(container)).Select(e => $"container {container.Name}: {e}"));
    }

    [Fact]
    public void Settings_Check_RefusesANameTheApplicationDoesNotRead()
    {
        Assert.Contains(KnownSettings.BindErrors(new Dictionary<string, string> { ["AUTOGRADER_Sandbox__PoolSise"] = "4" }),
            e => e.StartsWith("AUTOGRADER_Sandbox__PoolSise: ", StringComparison.Ordinal));
        Assert.Contains("QueuePollInterval", Assert.Single(KnownSettings.BindErrors(new Dictionary<string, string> { ["AUTOGRADER_Jobs__QueuePollInterval"] = "fast" })), StringComparison.Ordinal);
        Assert.Empty(KnownSettings.BindErrors(new Dictionary<string, string> { ["AUTOGRADER_Sandbox__PoolSize"] = "4", ["AUTOGRADER_QUEUE_POLL_MS"] = "200" }));
    }

    [Fact]
    public void Workers_OnePerQueue_EachScaledByItsOwnQueuesLength()
    {
        var byQueue = Written.Workers.ToDictionary(d => Single(QueuesOf(d)), d => d);
        Assert.Equal(Queues.All.Order(), byQueue.Keys.Order());
        var auth = Written.All<TriggerAuthentication>().ToDictionary(a => a.Metadata.Name);
        foreach (var (queue, deployment) in byQueue)
        {
            var scaled = Assert.Single(Written.All<ScaledObject>(), s => s.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);
            var trigger = Assert.Single(scaled.Spec.Triggers);
            Assert.Equal("postgresql", trigger.Type);
            Assert.Equal(QueueLength.Query(queue), trigger.Metadata["query"]);
            Assert.True(int.Parse(trigger.Metadata["targetQueryValue"], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Contains(auth[trigger.AuthenticationRef!.Name].Spec.SecretTargetRef, s => s.Parameter == "connection");
            Assert.Equal(queue, deployment.Spec.Template.Metadata.Labels["autograder.io/queue"]);
        }
    }

    [Fact]
    public void Web_ProbesPortAndRoutes_AreTheOnesItServes()
    {
        var web = Written.Deployment("autograder-web").Spec.Template.Spec.Containers.Single();
        Assert.Equal(["web", "--urls", $"http://+:{WebPort}"], web.Args);
        var http = Assert.Single(web.Ports);
        Assert.Equal(WebPort, http.ContainerPort);
        Assert.Equal(Readiness, web.ReadinessProbe.HttpGet.Path);
        Assert.Equal(Liveness, web.LivenessProbe.HttpGet.Path);
        Assert.Equal(http.Name, web.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(http.Name, web.LivenessProbe.HttpGet.Port.Value);
        var annotations = Written.Deployment("autograder-web").Spec.Template.Metadata.Annotations;
        Assert.Equal(MetricsPath, annotations["prometheus.io/path"]);
        Assert.Equal($"{WebPort}", annotations["prometheus.io/port"]);

        var service = Written.All<V1Service>().Single(s => s.Metadata.Name == "autograder-web");
        Assert.Equal(http.Name, service.Spec.Ports.Single().TargetPort.Value);
        var backend = Written.All<V1Ingress>().Single().Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        Assert.Equal(service.Metadata.Name, backend.Name);
        Assert.Equal(service.Spec.Ports.Single().Name, backend.Port.Name);
        var hpa = Written.All<V2HorizontalPodAutoscaler>().Single();
        Assert.Equal("autograder-web", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal("cpu", hpa.Spec.Metrics.Single().Resource.Name);
    }

    [Fact]
    public void Workers_MetricsPortAndProbe_AreTheListenerTheirSettingsOpen()
    {
        foreach (var worker in Written.Workers)
        {
            var container = worker.Spec.Template.Spec.Containers.Single();
            var environment = Written.Environment(container);
            var port = int.Parse(environment[$"{KnownSettings.Prefix}{TelemetryOptions.Section}__{nameof(TelemetryOptions.MetricsPort)}"], System.Globalization.CultureInfo.InvariantCulture);
            var metrics = Assert.Single(container.Ports, p => p.Name == "metrics");
            Assert.Equal(port, metrics.ContainerPort);
            Assert.Equal(MetricsPath, container.LivenessProbe.HttpGet.Path);
            Assert.Equal("metrics", container.LivenessProbe.HttpGet.Port.Value);
            Assert.Equal($"{port}", worker.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
        }
    }

    [Fact]
    public void Shutdown_EachWorkersGracePeriod_OutlastsItsOwnStop()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddAutograderWorker(new WorkerSpec(Queues.All, 1));
        using var services = builder.Services.BuildServiceProvider();
        var stop = services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        Assert.True(stop > JobsSetup.ServerOptions(Queues.All, 1).ShutdownTimeout, "the host must outwait Hangfire's own stop");
        foreach (var worker in Written.Workers)
            Assert.True(worker.Spec.Template.Spec.TerminationGracePeriodSeconds > stop.TotalSeconds, $"{worker.Metadata.Name} is killed before it hands back its jobs");
    }

    [Fact]
    public void Gpu_OnlyTheGpuWorker_AsksForAGpu_WithItsNodesAndTolerations()
    {
        foreach (var deployment in Written.Deployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var gpus = pod.Containers.Where(c => c.Resources?.Limits?.ContainsKey("nvidia.com/gpu") == true).ToList();
            if (Label(deployment.Spec.Template.Metadata.Labels, "autograder.io/queue") == Queues.Gpu)
            {
                Assert.Single(gpus);
                Assert.Equal("autograder-worker-gpu", pod.Containers.Single().Image);
                Assert.Contains(pod.Tolerations, t => t.Key == "nvidia.com/gpu");
                Assert.Contains("nvidia.com/gpu.present", pod.NodeSelector.Keys);
            }
            else
            {
                Assert.Empty(gpus);
                Assert.NotEqual("autograder-worker-gpu", pod.Containers.Single().Image);
            }
        }
    }

    [Fact]
    public void SecurityContexts_NonRootAndNoPrivilege_ExceptWhereTheSandboxRuns()
    {
        foreach (var (pod, name, labels) in Pods(Written))
        {
            var container = pod.Containers.Single();
            var sandboxed = Label(labels, "autograder.io/queue") is Queues.Sandbox or Queues.Gpu;
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, $"{name}: writable root file system");
            if (sandboxed)
            {
                // The sandbox's layers need it (deploy/README.md); such pods run only on the nodes kept for them.
                Assert.True(container.SecurityContext.Privileged, name);
                Assert.Equal("true", pod.NodeSelector["autograder.io/sandbox"]);
                Assert.Contains(pod.Volumes, v => v.HostPath?.Path == "/sys/fs/cgroup");
                Assert.False(pod.AutomountServiceAccountToken);
            }
            else
            {
                Assert.True(pod.SecurityContext.RunAsNonRoot, name);
                Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
                Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation, name);
                Assert.Null(container.SecurityContext.Privileged);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.Null(container.SecurityContext.Capabilities.Add);
            }
        }
    }

    [Fact]
    public void Disruptions_EveryDeployment_HasABudgetSelectingIt()
    {
        foreach (var deployment in Written.Deployments)
            Assert.Single(Written.All<V1PodDisruptionBudget>(), b => b.Spec.Selector.MatchLabels.All(l => Label(deployment.Spec.Template.Metadata.Labels, l.Key) == l.Value));
    }

    [Fact]
    public void Migration_Job_RunsTheMigrateCommand_WithTheDatabaseSecret()
    {
        var job = Written.All<V1Job>().Single();
        var container = job.Spec.Template.Spec.Containers.Single();
        Assert.Equal(["migrate"], container.Args);
        Assert.Equal("connection-string", container.Env.Single(e => e.Name == KnownSettings.ConnectionString).ValueFrom.SecretKeyRef.Key);
    }

    [Fact]
    public void Overlay_BuildsOffline_WithEverySecretAndImageResolved()
    {
        // Built where kubectl (Debian's kubernetes-client, or any kubectl with kustomize) is installed.
        if (Manifests.Rendered() is not { } rendered) return;
        var secrets = rendered.All<V1Secret>().ToDictionary(s => s.Metadata.Name);
        foreach (var container in Containers(rendered))
        {
            Assert.StartsWith("registry.example.edu/autograder/", container.Image, StringComparison.Ordinal);
            foreach (var reference in (container.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>())
                Assert.True(secrets.TryGetValue(reference.Name, out var s) && s.Data.ContainsKey(reference.Key), $"{container.Name}: no secret {reference.Name}/{reference.Key}");
            Assert.Empty(KnownSettings.BindErrors(rendered.Environment(container)));
        }
        foreach (var target in rendered.All<TriggerAuthentication>().SelectMany(a => a.Spec.SecretTargetRef))
            Assert.True(secrets.TryGetValue(target.Name, out var s) && s.Data.ContainsKey(target.Key), $"KEDA: no secret {target.Name}/{target.Key}");
        Assert.All(rendered.Objects.OfType<k8s.IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace), o => Assert.Equal("autograder", o.Metadata.NamespaceProperty));
    }

    private static IReadOnlyList<string> QueuesOf(V1Deployment worker)
    {
        var args = worker.Spec.Template.Spec.Containers.Single().Args;
        var names = args[args.IndexOf("--queues") + 1].Split(',');
        Assert.All(names, n => Assert.Contains(n, Queues.All));
        return names;
    }

    private static string? Label(IDictionary<string, string> labels, string key) => labels.TryGetValue(key, out var value) ? value : null;

    private static string Single(IReadOnlyList<string> queues) => Assert.Single(queues);

    private static IEnumerable<(V1PodSpec Pod, string Name, IDictionary<string, string> Labels)> Pods(Manifests m) =>
        m.Deployments.Select(d => (d.Spec.Template.Spec, d.Metadata.Name, d.Spec.Template.Metadata.Labels))
            .Concat(m.All<V1Job>().Select(j => (j.Spec.Template.Spec, j.Metadata.Name, j.Spec.Template.Metadata.Labels)));

    private static IEnumerable<V1Container> Containers(Manifests m) => Pods(m).SelectMany(p => p.Pod.Containers);
}
