using System.Diagnostics;
using System.Runtime.Versioning;

namespace Autograder.Cli.Tests.Setup;

/// <summary>
/// build/prerequisites.sh against a fake dpkg database (dpkg-query reads DPKG_ADMINDIR) and a fake apt-get on PATH
/// that records its arguments and marks what it "installs" as installed, so nothing on this machine changes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PrerequisitesScriptTests : IDisposable
{
    private static readonly string[] Packages =
    [
        "postgresql", "bubblewrap", "poppler-utils", "texlive-latex-base", "texlive-latex-recommended",
        "texlive-fonts-recommended", "fontconfig", "fonts-dejavu-core", "chromium",
    ];

    private static readonly string Script = Path.Combine(Cli.RepositoryRoot, "build", "prerequisites.sh");

    private static bool IsRoot => Environment.UserName == "root";

    private readonly TempDir _dir = new();

    public PrerequisitesScriptTests()
    {
        // Open to `nobody`, who runs the script in the not-root case (and would leave its apt-get calls here).
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Admin);
        File.SetUnixFileMode(Admin, (UnixFileMode)0b111_111_111);
        var aptGet = _dir.Write("bin/apt-get", """
            #!/bin/sh
            echo "$*" >> "$APT_LOG"
            [ "$1" = update ] && sleep 0.5
            [ "$1" = install ] && for p in "$@"; do
              case "$p" in -*) ;; *) printf 'Package: %s\nStatus: install ok installed\nMaintainer: m\nVersion: 1\nArchitecture: all\nDescription: d\n\n' "$p" >> "$DPKG_ADMINDIR/status" ;; esac
            done
            exit 0
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(_dir["bin"], (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(aptGet, (UnixFileMode)0b111_101_101);
    }

    private string Admin => _dir["dpkg"];

    private string AptLog => _dir["apt.log"];

    private string[] AptCalls => File.Exists(AptLog) ? File.ReadAllLines(AptLog) : [];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Check_NamesTheMissingPackagesInOneLine_WhenSomeAreNotInstalled()
    {
        FakeStatus(installed: Packages.Except(["bubblewrap", "chromium", "postgresql"]), removed: ["chromium"]);

        var result = Run(["--check"], asRoot: IsRoot);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            "Missing Debian packages; as root run: apt-get update && apt-get install -y --no-install-recommends postgresql bubblewrap chromium",
            Assert.Single(result.StdoutLines));
        Assert.Empty(AptCalls);
    }

    [Fact]
    public void Check_PrintsNothing_WhenEveryPackageIsInstalled()
    {
        FakeStatus(installed: Packages);

        var result = Run(["--check"], asRoot: IsRoot);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout + result.Stderr);
    }

    [Fact]
    public void Run_StopsWithTheAptGetLine_WhenNotRoot()
    {
        FakeStatus(installed: Packages.Except(["poppler-utils"]));

        var result = Run([], asRoot: false);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            "Missing Debian packages; as root run: apt-get update && apt-get install -y --no-install-recommends poppler-utils",
            Assert.Single(result.StdoutLines));
        Assert.Equal("", result.Stderr);
        Assert.Empty(AptCalls);
    }

    [Fact]
    public void Run_InstallsOnlyTheMissingPackages_WhenRoot()
    {
        FakeStatus(installed: Packages.Except(["texlive-latex-base", "fonts-dejavu-core"]));

        var result = Run([], asRoot: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["update -qq", "install -y -qq --no-install-recommends texlive-latex-base fonts-dejavu-core"], AptCalls);
        Assert.Equal(0, Run(["--check"], asRoot: true).ExitCode);
    }

    [Fact]
    public async Task Run_InstallsOnce_WhenParallelBuildsRunItAtOnce()
    {
        FakeStatus(installed: Packages.Except(["chromium"]));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync([], asRoot: true)).ToList());

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(["update -qq", "install -y -qq --no-install-recommends chromium"], AptCalls);
    }

    [Fact]
    public void Run_ReturnsAtOnceAndInstallsNothing_WhenEveryPackageIsInstalled()
    {
        FakeStatus(installed: Packages);

        var fastest = Enumerable.Range(0, 3).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            var result = Run([], asRoot: true);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("", result.Stdout + result.Stderr);
            return watch.Elapsed;
        }).Min();

        Assert.Empty(AptCalls);
        Assert.True(fastest < TimeSpan.FromSeconds(0.5), $"the quick path took {fastest.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void Check_TakesWellUnderASecond_WithThisMachinesDpkgDatabase()
    {
        var fastest = Enumerable.Range(0, 3).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            var result = Run(["--check"], asRoot: IsRoot, fakeDpkg: false);
            Assert.True(result.ExitCode is 0 or 1, result.ToString());
            return watch.Elapsed;
        }).Min();

        Assert.True(fastest < TimeSpan.FromSeconds(0.5), $"the check took {fastest.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void Run_RefusesAnUnknownArgument()
    {
        var result = Run(["--install"], asRoot: IsRoot);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--install", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    private void FakeStatus(IEnumerable<string> installed, IEnumerable<string>? removed = null)
    {
        static string Entry(string name, string status) =>
            $"Package: {name}\nStatus: {status}\nMaintainer: m\nVersion: 1\nArchitecture: all\nDescription: d\n\n";
        var text = string.Concat(installed.Select(p => Entry(p, "install ok installed")))
            + string.Concat((removed ?? []).Select(p => Entry(p, "deinstall ok config-files")))
            + Entry("unrelated", "install ok installed");
        File.WriteAllText(Path.Combine(Admin, "status"), text);
        File.SetUnixFileMode(Path.Combine(Admin, "status"), (UnixFileMode)0b110_110_110);
    }

    private CliResult Run(string[] args, bool asRoot, bool fakeDpkg = true) =>
        RunAsync(args, asRoot, fakeDpkg).GetAwaiter().GetResult();

    // Root as this test runs (CI and containers run as root), else a user namespace that maps us to root;
    // not root as `nobody` when the tests run as root.
    private async Task<CliResult> RunAsync(string[] args, bool asRoot, bool fakeDpkg = true)
    {
        List<string> command = asRoot == IsRoot ? []
            : asRoot ? ["unshare", "--map-root-user", "--"]
            : ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"];
        command.AddRange(["bash", Script, .. args]);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir.Path,
        };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        start.Environment["PATH"] = $"{_dir["bin"]}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["APT_LOG"] = AptLog;
        if (fakeDpkg) start.Environment["DPKG_ADMINDIR"] = Admin;
        else start.Environment.Remove("DPKG_ADMINDIR");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} ran past 30 s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
