using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>Runs snmp-ups (ours or Debian's, the real executables) against an agent, in -d 1 mode or as a daemon.</summary>
public static class SnmpUpsRunner
{
    /// <summary>The -x options for an agent and a mode: "v1", "v2c" or a v3 user's name.</summary>
    public static List<string> Options(string address, string mode, string community = SnmpdAgent.ReadCommunity)
    {
        var x = new List<string> { "port=" + address };
        var user = SnmpdAgent.V3Users.FirstOrDefault(u => u.Name == mode);
        if (user is null)
        {
            x.Add("snmp_version=" + mode);
            x.Add("community=" + community);
        }
        else
        {
            x.AddRange(["snmp_version=v3", "secLevel=" + user.SecLevel, "secName=" + user.Name]);
            if (user.AuthProtocol is not null) x.AddRange(["authProtocol=" + user.AuthProtocol, "authPassword=" + user.AuthPassword]);
            if (user.PrivProtocol is not null) x.AddRange(["privProtocol=" + user.PrivProtocol, "privPassword=" + user.PrivPassword]);
        }
        return x;
    }

    static List<string> Args(string upsName, IEnumerable<string> x, params string[] more)
    {
        var args = new List<string> { "-s", upsName };
        foreach (var o in x)
            args.AddRange(["-x", o]);
        args.AddRange(more);
        return args;
    }

    /// <summary>The -d 1 dump (start-up walk and one update) as name/value pairs.</summary>
    public static (Dictionary<string, string> Values, ProcResult Raw) Dump(Impl impl, IEnumerable<string> x)
    {
        using var dir = new TempDir("snmpups");
        var env = new Dictionary<string, string> { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath, ["NUT_CONFPATH"] = dir.FullPath };
        var r = Proc.Run(NutStack.Program(impl, "snmp-ups"), Args("ups", x, "-d", "1"), env, TimeSpan.FromSeconds(60));
        var values = new Dictionary<string, string>();
        foreach (var line in r.Stdout.Split('\n'))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith("Network UPS Tools", StringComparison.Ordinal))
                values[line[..colon]] = line[(colon + 2)..];
        }
        return (values, r);
    }

    /// <summary>Our driver in the foreground with its socket, polling every second.</summary>
    public static RunningDriver Start(IEnumerable<string> x, params string[] more)
    {
        var dir = new TempDir("snmpups");
        var env = new Dictionary<string, string> { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath, ["NUT_CONFPATH"] = dir.FullPath };
        var daemon = Proc.Start(Paths.Ours("snmp-ups"), Args("ups", x, ["-F", "-u", "root", "-i", "1", .. more]), env, dir.FullPath);
        return new RunningDriver(dir, daemon, dir["snmp-ups-ups"]);
    }
}

/// <summary>A running driver and a connection to its socket that records everything the driver sends.</summary>
public sealed class RunningDriver : IDisposable
{
    readonly TempDir _dir;
    readonly Socket _socket;
    readonly StringBuilder _received = new();
    readonly Thread _reader;

    public RunningDriver(TempDir dir, Daemon daemon, string socketPath)
    {
        _dir = dir;
        Daemon = daemon;
        try
        {
            _socket = DriverSocket.ConnectWhenListening(socketPath, 60);
        }
        catch
        {
            daemon.Dispose();
            throw new InvalidOperationException("the driver never opened its socket:\n" + daemon.Output);
        }
        _reader = new Thread(Read) { IsBackground = true };
        _reader.Start();
    }

    public Daemon Daemon { get; }

    /// <summary>Everything received so far.</summary>
    public string Received { get { lock (_received) return _received.ToString(); } }

    void Read()
    {
        var buffer = new byte[65536];
        try
        {
            int n;
            while ((n = _socket.Receive(buffer)) > 0)
                lock (_received) _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    public void Send(string line) => _socket.Send(Encoding.ASCII.GetBytes(line + "\n"));

    /// <summary>Waits until the driver has sent <paramref name="text"/> after position <paramref name="from"/>; returns where it ends.</summary>
    public int WaitFor(string text, int from = 0, double seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            string all = Received;
            int at = all.IndexOf(text, Math.Min(from, all.Length), StringComparison.Ordinal);
            if (at >= 0)
                return at + text.Length;
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"'{text}' not received within {seconds} s.\n--- received\n{all}\n--- driver output\n{Daemon.Output}");
            Thread.Sleep(50);
        }
    }

    /// <summary>The value the driver last sent for <paramref name="name"/> (SETINFO), or null.</summary>
    public string? Value(string name)
    {
        string prefix = $"SETINFO {name} \"";
        string? value = null;
        foreach (var line in Received.Split('\n'))
            if (line.StartsWith(prefix, StringComparison.Ordinal) && line.EndsWith('"'))
                value = line[prefix.Length..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return value;
    }

    /// <summary>Waits until <paramref name="name"/> has <paramref name="value"/> (asking for a fresh DUMPALL each second).</summary>
    public void WaitForValue(string name, string value, double seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (Value(name) != value)
        {
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"{name} is '{Value(name)}', expected '{value}' within {seconds} s\n--- driver output\n{Daemon.Output}");
            Send("DUMPALL");
            Thread.Sleep(500);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        Daemon.Dispose();
        _dir.Dispose();
    }
}
