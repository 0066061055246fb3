using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Autograder.Deploy.Tests.Support;

/// <summary>The parts of KEDA's custom resources the tests read (keda.sh/v1alpha1).</summary>
public sealed class ScaledObject : IKubernetesObject<V1ObjectMeta>
{
    public const string Kind = "ScaledObject";
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "keda.sh/v1alpha1";
    [JsonPropertyName("kind")] string IKubernetesObject.Kind { get; set; } = Kind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public ScaledObjectSpec Spec { get; set; } = new();
}

public sealed class ScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")] public ScaleTarget ScaleTargetRef { get; set; } = new();
    [JsonPropertyName("minReplicaCount")] public int? MinReplicaCount { get; set; }
    [JsonPropertyName("maxReplicaCount")] public int? MaxReplicaCount { get; set; }
    [JsonPropertyName("triggers")] public List<ScaleTrigger> Triggers { get; set; } = [];
}

public sealed class ScaleTarget
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

public sealed class ScaleTrigger
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("metadata")] public Dictionary<string, string> Metadata { get; set; } = [];
    [JsonPropertyName("authenticationRef")] public ScaleTarget? AuthenticationRef { get; set; }
}

public sealed class TriggerAuthentication : IKubernetesObject<V1ObjectMeta>
{
    public const string Kind = "TriggerAuthentication";
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "keda.sh/v1alpha1";
    [JsonPropertyName("kind")] string IKubernetesObject.Kind { get; set; } = Kind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public TriggerAuthenticationSpec Spec { get; set; } = new();
}

public sealed class TriggerAuthenticationSpec
{
    [JsonPropertyName("secretTargetRef")] public List<SecretTarget> SecretTargetRef { get; set; } = [];
}

public sealed class SecretTarget
{
    [JsonPropertyName("parameter")] public string Parameter { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("key")] public string Key { get; set; } = "";
}
