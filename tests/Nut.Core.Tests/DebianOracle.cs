using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Core.Tests;

/// <summary>
/// Runs Debian's NUT 2.8.0 programs on files written by a test, to compare how they read those files with how our
/// models read them. Each run gets its own scratch directory (NUT_CONFPATH / NUT_STATEPATH / NUT_ALTPIDPATH).
/// </summary>
public static class DebianOracle
{
    public static Dictionary<string, string> Env(TempDir dir) => new()
    {
        ["NUT_CONFPATH"] = dir.FullPath,
        ["NUT_STATEPATH"] = dir.FullPath,
        ["NUT_ALTPIDPATH"] = dir.FullPath,
    };

    /// <summary>
    /// Debian's dummy-ups on a .dev file, dumping its variables once (<c>-d 1</c>): the "name: value" lines it
    /// prints, values escaped as NUT escapes them.
    /// </summary>
    public static List<string> DummyUpsDump(byte[] devFile)
    {
        using var dir = new TempDir("nut-oracle-dev");
        File.WriteAllBytes(dir["data.dev"], devFile);
        dir.Write("ups.conf", $"[x]\n\tdriver = dummy-ups\n\tport = {dir["data.dev"]}\n");
        var r = Proc.Run(Paths.Debian("dummy-ups"), ["-a", "x", "-d", "1", "-u", "root"], Env(dir), TimeSpan.FromSeconds(30), workDir: dir.FullPath);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Debian's upsmon checking the power-down flag (<c>-K</c>): it reads the whole configuration, says what it
    /// thinks of each line, and exits. It runs in a private mount namespace with its own empty /run/nut, because
    /// 2.8.0 reads its PID file from that compile-time directory and refuses to run if another upsmon (another
    /// test's) is alive.
    /// </summary>
    public static ProcResult UpsmonCheck(TempDir dir, string confFile) =>
        Proc.Run("unshare", ["-m", "sh", "-c", "mount -t tmpfs nut-oracle /run/nut && exec \"$0\" -K -f \"$1\"",
            Paths.Debian("upsmon"), confFile], Env(dir), TimeSpan.FromSeconds(30), workDir: dir.FullPath);

    /// <summary>Debian's upssched for one event, with upssched.conf from <paramref name="dir"/>.</summary>
    public static ProcResult Upssched(TempDir dir, string upsName, string notifyType)
    {
        var env = Env(dir);
        env["UPSNAME"] = upsName;
        env["NOTIFYTYPE"] = notifyType;
        return Proc.Run(Paths.Debian("upssched"), [], env, TimeSpan.FromSeconds(30), workDir: dir.FullPath);
    }

    /// <summary>Starts Debian's upsd on <paramref name="upsConf"/> (no drivers: it serves the list of UPSes and
    /// answers what needs no driver) and waits until it listens.</summary>
    public static UpsdRun StartUpsd(byte[] upsConf) => new(upsConf);

    public sealed class UpsdRun : IDisposable
    {
        readonly TempDir _dir = new("nut-oracle-upsd");

        public UpsdRun(byte[] upsConf)
        {
            File.WriteAllBytes(_dir["ups.conf"], upsConf);
            Port = FreePort.Next();
            _dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\n");
            _dir.Write("upsd.users", "[u]\n\tpassword = p\n");
            File.SetUnixFileMode(_dir["upsd.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(_dir["upsd.users"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Daemon = Proc.Start(Paths.Debian("upsd"), ["-u", "root", "-F"], Env(_dir), _dir.FullPath);
            var end = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < end)
            {
                if (Daemon.HasExited)
                    throw new InvalidOperationException("Debian's upsd exited: " + Daemon.Output);
                try
                {
                    using var probe = new TcpClient("127.0.0.1", Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(20);
                }
            }
            throw new TimeoutException("Debian's upsd did not listen: " + Daemon.Output);
        }

        public int Port { get; }
        public Daemon Daemon { get; }
        public string ConfPath => _dir["ups.conf"];

        /// <summary>The lines of LIST UPS between BEGIN and END.</summary>
        public List<string> ListUps()
        {
            using var client = new LineClient("127.0.0.1", Port);
            client.Send("LIST UPS\n");
            Assert.Equal("BEGIN LIST UPS", client.ReadLine());
            var lines = new List<string>();
            for (string line = client.ReadLine(); line != "END LIST UPS"; line = client.ReadLine())
                lines.Add(line);
            return lines;
        }

        /// <summary>upsd's stderr so far, once it has printed <paramref name="marker"/>.</summary>
        public string OutputAfter(string marker)
        {
            Daemon.WaitForOutput(marker, TimeSpan.FromSeconds(10));
            return Daemon.Output;
        }

        public void Dispose()
        {
            Daemon.Dispose();
            _dir.Dispose();
        }
    }

    public static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);
}
