using Autograder.Sandbox.Grading;
using Autograder.Sandbox.Isolation;
using Autograder.Sandbox.Tests.Support;

namespace Autograder.Sandbox.Tests.Isolation;

[Collection(SandboxCollection.Name)]
public sealed class ChildCgroupsTests
{
    [Fact]
    public async Task GraderStart_RemovesTheGroupsOfADeadGrader_AndKillsWhatTheyHeld()
    {
        var memory = Path.Combine("/sys/fs/cgroup/memory", IsolationLayers.CgroupName);
        Assert.True(Directory.Exists(memory), "the sandbox tests need the cgroup v1 memory controller, writable (run as root)");
        var leftover = Path.Combine(memory, "c999999999-7"); // a grader pid that cannot exist
        Directory.CreateDirectory(leftover);
        using var orphan = System.Diagnostics.Process.Start("/bin/sleep", "60");
        await File.WriteAllTextAsync(Path.Combine(leftover, "cgroup.procs"), orphan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using (var grader = new CodeGrader(new SandboxOptions { PoolSize = 1 }))
        {
            Assert.False(Directory.Exists(leftover));
        }

        Assert.True(orphan.WaitForExit(5000));
    }
}
