using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Tools.Tests.Install;

/// <summary>
/// Readiness for systemd's Type=notify units: upsd and a driver, started with NOTIFY_SOCKET naming a datagram
/// socket this test binds (a path, or an abstract name with '@'), send READY=1 only once they really serve —
/// upsd accepts connections, the driver's socket is there — and upsd sends STOPPING=1 when told to stop.
/// Runs our current build (NUTSHARP_BIN), which has the notify calls.
/// </summary>
public sealed class SdNotifyTests
{
    /// <summary>The systemd side: a Unix datagram socket that collects the daemon's messages.</summary>
    sealed class NotifySocket : IDisposable
    {
        readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

        /// <summary>As NOTIFY_SOCKET carries it: a path, or '@' and an abstract name.</summary>
        public string Name { get; }

        public NotifySocket(string name)
        {
            Name = name;
            _socket.Bind(new UnixDomainSocketEndPoint(name[0] == '@' ? "\0" + name[1..] : name));
            _socket.ReceiveTimeout = 30_000;
        }

        /// <summary>The next message; fails with the daemon's output when none comes within 30 s.</summary>
        public string Receive(Daemon daemon)
        {
            var buffer = new byte[4096];
            try
            {
                int n = _socket.Receive(buffer);
                return Encoding.UTF8.GetString(buffer, 0, n);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                Assert.Fail($"no message on NOTIFY_SOCKET within 30 s\n{daemon.Output}");
                throw;
            }
        }

        /// <summary>A message if one arrives within <paramref name="wait"/>, else null.</summary>
        public string? TryReceive(TimeSpan wait)
        {
            if (!_socket.Poll(wait, SelectMode.SelectRead))
                return null;
            var buffer = new byte[4096];
            return Encoding.UTF8.GetString(buffer, 0, _socket.Receive(buffer));
        }

        public void Dispose() => _socket.Dispose();
    }

    static (TempDir Dir, int Port, Dictionary<string, string> Env) Setup()
    {
        var dir = new TempDir("notify");
        int port = FreePort.Next();
        dir.Write("ups.conf", "[dev]\n\tdriver = dummy-ups\n\tport = dev.dev\n");
        dir.Write("dev.dev", "ups.status: OL\nbattery.charge: 90\n");
        dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {port}\n");
        dir.Write("upsd.users", NutStack.Users);
        var env = new Dictionary<string, string>
        {
            ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath,
        };
        return (dir, port, env);
    }

    [Fact]
    public void Upsd_reports_ready_once_listening_and_stopping_on_SIGTERM()
    {
        var (dir, port, env) = Setup();
        using var _ = dir;
        using var notify = new NotifySocket(dir["notify.sock"]);
        env["NOTIFY_SOCKET"] = notify.Name;
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-F", "-u", "root"], env, dir.FullPath);

        Assert.Equal("READY=1", notify.Receive(upsd));
        using (var client = new TcpClient())
            client.Connect("127.0.0.1", port); // listening before it said so: this must not be refused
        Assert.False(upsd.HasExited, upsd.Output);

        upsd.Signal(Posix.SIGTERM);
        Assert.Equal("STOPPING=1", notify.Receive(upsd));
        Assert.True(upsd.Process.WaitForExit(10_000), upsd.Output);
    }

    [Fact]
    public void Driver_reports_ready_once_its_socket_serves_the_state_on_an_abstract_notify_socket()
    {
        var (dir, _, env) = Setup();
        using var _d = dir;
        using var notify = new NotifySocket("@nutsharp-test-" + Guid.NewGuid().ToString("N"));
        env["NOTIFY_SOCKET"] = notify.Name;
        using var driver = Proc.Start(Paths.Ours("dummy-ups"), ["-a", "dev", "-u", "root", "-F"], env, dir.FullPath);

        Assert.Equal("READY=1", notify.Receive(driver));
        string socketPath = dir["dummy-ups-dev"];
        Assert.True(File.Exists(socketPath), $"no driver socket when READY=1 arrived\n{driver.Output}");
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(socketPath));
        s.Send("DUMPALL\n"u8.ToArray());
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        s.ReceiveTimeout = 10_000;
        while (!reply.ToString().Contains("DUMPDONE", StringComparison.Ordinal))
        {
            int n = s.Receive(buffer);
            Assert.True(n > 0, reply.ToString());
            reply.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        // The first reading is in: the state the driver announces ready already holds the device's values.
        Assert.Contains("SETINFO battery.charge \"90\"", reply.ToString());
    }

    [Fact]
    public void Upsmon_reports_ready_from_its_main_process_once_monitoring()
    {
        var (dir, port, env) = Setup();
        using var _ = dir;
        using var driver = Proc.Start(Paths.Ours("dummy-ups"), ["-a", "dev", "-u", "root", "-F"], env, dir.FullPath);
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-F", "-u", "root"], env, dir.FullPath);
        dir.Write("upsmon.conf", $"RUN_AS_USER root\nMONITOR dev@127.0.0.1:{port} 1 mon monpw primary\nSHUTDOWNCMD \"/bin/true\"\nPOLLFREQ 1\n");
        File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var notify = new NotifySocket(dir["notify.sock"]);
        var monEnv = new Dictionary<string, string>(env) { ["NOTIFY_SOCKET"] = notify.Name, ["NUT_PIDPATH"] = dir.FullPath };
        // -F without -p: the privileged parent and the monitoring child, as nut-monitor.service runs it.
        using var upsmon = Proc.Start(Paths.Ours("upsmon"), ["-F"], monEnv, dir.FullPath);

        Assert.Equal("READY=1", notify.Receive(upsmon));
        Assert.False(upsmon.HasExited, upsmon.Output);
        // Only one READY=1: the monitoring child does not send its own.
        upsmon.WaitUntil(() => Proc.Run(Paths.Ours("upsc"), [$"dev@127.0.0.1:{port}", "ups.status"], env).Stdout.Trim() == "OL", "upsd serving dev");
        using var logins = new LineClient("127.0.0.1", port);
        upsmon.WaitUntil(() => logins.Request("GET NUMLOGINS dev") == "NUMLOGINS dev 1", "upsmon logged in");
        Assert.Null(notify.TryReceive(TimeSpan.FromSeconds(1)));

        // Stopped as "upsmon -c stop" does (the monitoring child, whose PID is in upsmon.pid; the parent follows):
        // a SIGTERM to the parent alone would leave the child running, as in NUT.
        var stop = Proc.Run(Paths.Ours("upsmon"), ["-c", "stop"], monEnv);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(upsmon.Process.WaitForExit(15_000), upsmon.Output);
    }
}
