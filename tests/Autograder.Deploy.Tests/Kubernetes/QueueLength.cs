namespace Autograder.Deploy.Tests.Kubernetes;

/// <summary>The KEDA query of a queue's length, as the manifests spell it.</summary>
public static class QueueLength
{
    public static string Query(string queue) => $"SELECT COUNT(*) FROM hangfire.jobqueue WHERE queue = '{queue}'";
}
