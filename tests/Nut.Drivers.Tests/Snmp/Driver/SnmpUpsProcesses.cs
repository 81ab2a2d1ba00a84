using Nut.Testing;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>Either snmp-ups (ours or Debian's) as a foreground daemon with its socket, or run once with -k.</summary>
public static class SnmpUpsProcesses
{
    static Dictionary<string, string> Env(TempDir dir) =>
        new() { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath, ["NUT_CONFPATH"] = dir.FullPath };

    static List<string> Args(IEnumerable<string> x, IEnumerable<string> more)
    {
        var args = new List<string> { "-s", "ups" };
        foreach (var o in x)
            args.AddRange(["-x", o]);
        args.AddRange(more);
        return args;
    }

    /// <summary>The driver in the foreground (-F), polling every second, connected to through its socket.</summary>
    public static RunningDriver Start(Impl impl, IEnumerable<string> x, params string[] more)
    {
        var dir = new TempDir("snmpups-" + impl.ToString().ToLowerInvariant());
        var daemon = Proc.Start(NutStack.Program(impl, "snmp-ups"), Args(x, ["-F", "-u", "root", "-i", "1", .. more]), Env(dir), dir.FullPath);
        return new RunningDriver(dir, daemon, dir["snmp-ups-ups"]);
    }

    /// <summary>The driver started in the foreground without anybody on its socket (for request counting).</summary>
    public static (Daemon Daemon, TempDir Dir) StartUnattended(Impl impl, IEnumerable<string> x, params string[] more)
    {
        var dir = new TempDir("snmpups-" + impl.ToString().ToLowerInvariant());
        var daemon = Proc.Start(NutStack.Program(impl, "snmp-ups"), Args(x, ["-F", "-u", "root", "-i", "1", .. more]), Env(dir), dir.FullPath);
        return (daemon, dir);
    }

    /// <summary>snmp-ups -k (shutdown the UPS) run to its end.</summary>
    public static ProcResult Shutdown(Impl impl, IEnumerable<string> x)
    {
        using var dir = new TempDir("snmpups-k");
        return Proc.Run(NutStack.Program(impl, "snmp-ups"), Args(x, ["-k"]), Env(dir), TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends <paramref name="request"/> with a TRACKING id and returns the driver's status digit(s).</summary>
    public static string Tracked(RunningDriver driver, string request, string id)
    {
        int at = driver.Received.Length;
        driver.Send($"{request} TRACKING {id}");
        int end = driver.WaitFor($"TRACKING {id} ", at);
        int nl = driver.WaitFor("\n", end);
        return driver.Received[end..(nl - 1)].Trim();
    }

    /// <summary>A fresh DUMPALL: everything the driver holds, as protocol lines.</summary>
    public static List<string> Dump(RunningDriver driver)
    {
        int at = driver.Received.Length;
        driver.Send("DUMPALL");
        int end = driver.WaitFor("DUMPDONE", at);
        return [.. driver.Received[at..end].Split('\n').Select(l => l.TrimEnd('\r'))];
    }
}
