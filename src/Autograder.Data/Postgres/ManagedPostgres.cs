using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Autograder.Data.Postgres;

/// <summary>Raised when no PostgreSQL server can be started or reached; the message says what to do.</summary>
public sealed class PostgresUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public sealed record ManagedPostgresOptions
{
    /// <summary>Skip fsync and full-page writes: for test clusters that are thrown away.</summary>
    public bool Throwaway { get; init; }
    public int MaxConnections { get; init; } = 300;
}

/// <summary>
/// A private PostgreSQL cluster in a data folder (the embedded default): initdb on first use, pg_ctl start on
/// 127.0.0.1 and a free port, stop on dispose when this process started it. PostgreSQL refuses to run as root,
/// so as root the binaries run as the unprivileged <c>postgres</c> user and the folder belongs to it.
/// </summary>
public sealed class ManagedPostgres : IDisposable
{
    private readonly string bin;
    private readonly bool ownsServer;

    private ManagedPostgres(string bin, string dataDirectory, int port, bool ownsServer)
    {
        this.bin = bin;
        DataDirectory = dataDirectory;
        Port = port;
        this.ownsServer = ownsServer;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    /// <summary>Starts the cluster in <paramref name="dataDirectory"/> (creating it if needed), or joins it when another process already runs it.</summary>
    public static ManagedPostgres Start(string dataDirectory, ManagedPostgresOptions? options = null)
    {
        options ??= new ManagedPostgresOptions();
        var bin = FindBinaries();
        dataDirectory = Path.GetFullPath(dataDirectory);
        var parent = Path.GetDirectoryName(dataDirectory)!;
        Directory.CreateDirectory(parent);
        CheckReachable(parent);
        // One process at a time initializes or starts a given cluster.
        using var gate = Lock(dataDirectory + ".lock");
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            Initialize(bin, dataDirectory);
        if (RunningPort(bin, dataDirectory) is { } running)
            return new ManagedPostgres(bin, dataDirectory, running, ownsServer: false);

        var port = FreePort();
        var settings = $"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections={options.MaxConnections}";
        if (options.Throwaway) settings += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
        var log = Path.Combine(dataDirectory, "server.log");
        var (code, output) = Run(bin, "pg_ctl", ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", log, "-o", settings]);
        if (code != 0)
            throw new PostgresUnavailableException($"PostgreSQL did not start in {dataDirectory}: {Last(output)} {Tail(log)}");
        return new ManagedPostgres(bin, dataDirectory, port, ownsServer: true);
    }

    /// <summary>Stops and starts the server with the same settings (a database outage, for fault tests).</summary>
    public void Restart()
    {
        // -l again: without it the new server would write to (and hold open) our output pipe.
        var (code, output) = Run(bin, "pg_ctl", ["restart", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-l", Path.Combine(DataDirectory, "server.log")]);
        if (code != 0) throw new PostgresUnavailableException($"PostgreSQL did not restart: {Last(output)}");
    }

    public void Stop()
    {
        var (code, output) = Run(bin, "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"]);
        if (code != 0) throw new PostgresUnavailableException($"PostgreSQL did not stop: {Last(output)}");
    }

    public void Dispose()
    {
        if (ownsServer && RunningPort(bin, DataDirectory) is not null) Stop();
    }

    /// <summary>The bin folder holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb"))) return dir;
        }
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }
        throw new PostgresUnavailableException(
            "PostgreSQL is not installed: no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install it (Debian: apt-get install postgresql) or set ConnectionStrings__Default to a server.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void Initialize(string bin, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        if (IsRoot) Checked("chown", ["-R", "postgres:postgres", dataDirectory]);
        var (code, output) = Run(bin, "initdb", ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        if (code != 0)
            throw new PostgresUnavailableException($"initdb failed in {dataDirectory}: {Last(output)}");
    }

    private static int? RunningPort(string bin, string dataDirectory)
    {
        var (code, _) = Run(bin, "pg_ctl", ["status", "-D", dataDirectory]);
        if (code != 0) return null;
        // postmaster.pid: pid, data folder, start time, port, ...
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    /// <summary>As root the postgres user must be able to walk down to the data folder.</summary>
    private static void CheckReachable(string folder)
    {
        if (!IsRoot || OperatingSystem.IsWindows()) return;
        if (Checked("chown", ["postgres:postgres", folder], throwOnError: false) != 0) return;
        if (Blocking(folder) is { } dir)
            throw new PostgresUnavailableException(
                $"the PostgreSQL data folder {folder} is inside {dir}, which the postgres user cannot enter; " +
                "set AUTOGRADER_DATA to a folder outside it (for example /var/lib/autograder)");
    }

    /// <summary>Whether a cluster can live in <paramref name="folder"/>: always, unless we are root and the postgres user cannot reach it.</summary>
    public static bool CanHost(string folder) => !IsRoot || OperatingSystem.IsWindows() || Blocking(Path.GetFullPath(folder)) is null;

    private static string? Blocking(string folder)
    {
        if (OperatingSystem.IsWindows()) return null;
        for (var dir = new DirectoryInfo(folder).Parent; dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0) return dir.FullName;
        }
        return null;
    }

    private static FileStream Lock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Code, string Output) Run(string bin, string tool, IReadOnlyList<string> args)
    {
        var exe = Path.Combine(bin, tool);
        return IsRoot ? Exec("runuser", ["-u", "postgres", "--", exe, .. args]) : Exec(exe, args);
    }

    private static int Checked(string exe, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var (code, output) = Exec(exe, args);
        if (code != 0 && throwOnError) throw new PostgresUnavailableException($"{exe} {string.Join(' ', args)} failed: {Last(output)}");
        return code;
    }

    private static (int Code, string Output) Exec(string exe, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PostgresUnavailableException($"cannot run {exe}: {e.Message}", e);
        }
    }

    private static string Last(string output) =>
        string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    private static string Tail(string log)
    {
        try
        {
            return File.Exists(log) ? Last(File.ReadAllText(log)) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
