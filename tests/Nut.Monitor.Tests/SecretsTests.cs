using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>Passwords reach no log: our upsd and upsmon at the highest debug level, through a login, a failed
/// login and a command, print the words around the password but never the password itself.</summary>
[Collection("processes")]
public sealed class SecretsTests
{
    const string Secret = "S3cret-Xyzzy-4711";

    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    [Fact]
    public void PasswordsAppearInNoLogAtAnyDebugLevel()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]);
        stack.Dir.Write("upsd.users", $"[mon]\n\tpassword = {Secret}\n\tupsmon primary\n[admin]\n\tpassword = {Secret}\n\tinstcmds = ALL\n");
        File.SetUnixFileMode(stack.Dir["upsd.users"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var driver = stack.StartDriver("dev");
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-F", "-DDDDDD"], stack.Env, stack.Dir.FullPath);
        stack.Dir.Write("upsmon.conf", $"MONITOR dev@127.0.0.1:{stack.Port} 1 mon {Secret} primary\nSHUTDOWNCMD \"/bin/true\"\nPOLLFREQ 1\n");
        File.SetUnixFileMode(stack.Dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = new Dictionary<string, string>(stack.Env) { ["NUT_PIDPATH"] = stack.Dir.FullPath };
        using var upsmon = Proc.Start(Paths.Ours("upsmon"), ["-F", "-p", "-DDDDDD", "-f", stack.Dir["upsmon.conf"]], env, stack.Dir.FullPath);

        var end = DateTime.UtcNow.AddSeconds(30);
        using (var c = new LineClient("127.0.0.1", WaitForPort(stack.Port)))
        {
            while (c.Request("GET NUMLOGINS dev") != "NUMLOGINS dev 1")
            {
                Assert.True(DateTime.UtcNow < end, upsmon.Output);
                Thread.Sleep(100);
            }
            Assert.Equal("OK", c.Request("USERNAME admin"));
            Assert.Equal("OK", c.Request($"PASSWORD wrong-{Secret}"));
            Assert.Equal("ERR ACCESS-DENIED", c.Request("INSTCMD dev load.off"));
        }
        var cmd = stack.Run(Paths.Ours("upscmd"), "-u", "admin", "-p", Secret, $"dev@127.0.0.1:{stack.Port}", "load.off");
        Thread.Sleep(1500); // a few more polls at full debug

        Assert.Contains("Logged into UPS dev@127.0.0.1", upsmon.Output); // the debug output is there...
        Assert.DoesNotContain(Secret, upsmon.Output);                     // ...without the password
        Assert.NotEmpty(upsd.Output);
        Assert.DoesNotContain(Secret, upsd.Output);
        Assert.DoesNotContain(Secret, cmd.Stdout + cmd.Stderr);
    }

    static int WaitForPort(int port)
    {
        var end = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient("127.0.0.1", port);
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(50);
            }
        }
    }
}
