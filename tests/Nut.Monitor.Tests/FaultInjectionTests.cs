using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>Real processes, real faults: what upsmon does when upsd or the driver dies under it.</summary>
[Collection("processes")]
public sealed class FaultInjectionTests
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    sealed class Rig : IDisposable
    {
        public readonly NutStack Stack = new(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]);
        public readonly Daemon Upsmon;

        public Rig()
        {
            Stack.Start();
            var dir = Stack.Dir;
            dir.Write("notify.sh", $"#!/bin/sh\necho \"$NOTIFYTYPE\" >> {dir["notify.log"]}\n");
            File.SetUnixFileMode(dir["notify.sh"], (UnixFileMode)Convert.ToInt32("755", 8));
            string flags = string.Concat(new[] { "ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "NOCOMM" }.Select(t => $"NOTIFYFLAG {t} EXEC\n"));
            dir.Write("upsmon.conf", $"MONITOR dev@127.0.0.1:{Stack.Port} 1 mon monpw primary\nSHUTDOWNCMD \"/bin/touch {dir["shutdown-called"]}\"\n"
                + $"NOTIFYCMD {dir["notify.sh"]}\nPOLLFREQ 1\nPOLLFREQALERT 1\nDEADTIME 3\nNOCOMMWARNTIME 2\nFINALDELAY 0\n{flags}");
            File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var env = new Dictionary<string, string>(Stack.Env) { ["NUT_PIDPATH"] = dir.FullPath };
            // -DDD: the "parsing: [OL]" debug line tells when upsmon has seen the status once. Until then a fault
            // would make its first OL a return of power (ONLINE), as in NUT.
            Upsmon = Proc.Start(Paths.Ours("upsmon"), ["-F", "-p", "-DDD", "-f", dir["upsmon.conf"]], env, dir.FullPath);
            WaitFor(() => Stack.Connect().Request("GET NUMLOGINS dev") == "NUMLOGINS dev 1", "upsmon to log in");
            if (!Upsmon.WaitForOutput("parsing: [OL]", TimeSpan.FromSeconds(30)))
                throw new TimeoutException("upsmon never read the status OL:\n" + Upsmon.Output);
        }

        public List<string> Notes => File.Exists(Stack.Dir["notify.log"]) ? [.. File.ReadAllLines(Stack.Dir["notify.log"])] : [];
        public bool ShutDown => File.Exists(Stack.Dir["shutdown-called"]);

        public void WaitFor(Func<bool> condition, string what, double seconds = 30)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (true)
            {
                try
                {
                    if (condition())
                        return;
                }
                catch (System.Net.Sockets.SocketException) { } // upsd not (yet) there
                if (DateTime.UtcNow > end || Upsmon.HasExited)
                    throw new TimeoutException($"no {what}; notifications: {string.Join(",", Notes)}\n{Upsmon.Output}");
                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            Upsmon.Dispose();
            Stack.Dispose();
        }
    }

    [Fact]
    public void UpsdKilledAndRestartedGivesCommbadThenCommokAndNoShutdownWhileOnLine()
    {
        using var rig = new Rig();
        rig.Stack.Upsd.Signal(Posix.SIGKILL);
        rig.WaitFor(() => rig.Notes.Contains("COMMBAD"), "COMMBAD");
        rig.WaitFor(() => rig.Notes.Contains("NOCOMM"), "NOCOMM (NOCOMMWARNTIME 2)");
        Thread.Sleep(4000); // well past DEADTIME: the UPS was last seen on line, so it is not critical
        rig.Stack.StartUpsd();
        rig.WaitFor(() => rig.Notes.Contains("COMMOK"), "COMMOK");
        rig.WaitFor(() => rig.Stack.Connect().Request("GET NUMLOGINS dev") == "NUMLOGINS dev 1", "upsmon back logged in");
        Assert.False(rig.ShutDown);
        Assert.DoesNotContain("ONLINE", rig.Notes); // the power never changed
        Assert.Equal(["COMMBAD", "NOCOMM", "COMMOK"], rig.Notes.Distinct());
    }

    [Fact]
    public void AReloadWithABrokenFileKeepsTheRunningConfigurationAndSaysWhy()
    {
        using var rig = new Rig();
        string conf = rig.Stack.Dir["upsmon.conf"];
        string good = File.ReadAllText(conf);
        File.WriteAllText(conf, good.Replace($"MONITOR dev@127.0.0.1:{rig.Stack.Port} 1 mon monpw primary", $"MONITOR dev@127.0.0.1:{rig.Stack.Port} 1 mon monpw"));
        var env = new Dictionary<string, string>(rig.Stack.Env) { ["NUT_PIDPATH"] = rig.Stack.Dir.FullPath };
        Assert.Equal(0, Proc.Run(Paths.Ours("upsmon"), ["-c", "reload"], env, TimeSpan.FromSeconds(20)).ExitCode);
        rig.WaitFor(() => rig.Upsmon.Output.Contains("Reload failed: "), "the reload to be refused");
        Assert.Contains("Unable to use old-style MONITOR line without a username", rig.Upsmon.Output);
        // Still monitoring with the old configuration: logged in, and a power failure is seen.
        Assert.Equal("NUMLOGINS dev 1", rig.Stack.Connect().Request("GET NUMLOGINS dev"));
        using (var admin = rig.Stack.Connect())
        {
            Assert.Equal("OK", admin.Request("USERNAME admin"));
            Assert.Equal("OK", admin.Request("PASSWORD mypass"));
            Assert.Equal("OK", admin.Request("SET VAR dev ups.status OB"));
        }
        rig.WaitFor(() => rig.Notes.Contains("ONBATT"), "ONBATT after the failed reload");
    }

    [Fact]
    public void FiveThousandIdleConnectionsAndAClientThatNeverReadsDoNotBlindUpsmon()
    {
        using var rig = new Rig();
        var idle = new List<System.Net.Sockets.Socket>();
        try
        {
            for (int i = 0; i < 5000; i++)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                s.Connect("127.0.0.1", rig.Stack.Port);
                if (i % 2 == 0)
                    s.Send("GET VAR dev ups.st"u8.ToArray()); // half a request, never finished
                idle.Add(s);
            }
            // A client that asks for big replies and never reads them.
            var hog = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
            hog.Connect("127.0.0.1", rig.Stack.Port);
            idle.Add(hog);
            var flood = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("LIST VAR dev\n", 2000)));
            hog.Blocking = false;
            try { hog.Send(flood); } catch (System.Net.Sockets.SocketException) { } // the send buffer fills: fine

            // upsmon (POLLFREQ 1) still sees a power failure at once and never loses the server.
            double t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            using (var admin = rig.Stack.Connect())
            {
                Assert.Equal("OK", admin.Request("USERNAME admin"));
                Assert.Equal("OK", admin.Request("PASSWORD mypass"));
                Assert.Equal("OK", admin.Request("SET VAR dev ups.status OB"));
            }
            rig.WaitFor(() => rig.Notes.Contains("ONBATT"), "ONBATT with 5,000 idle connections", seconds: 10);
            double seen = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - t;
            Assert.InRange(seen, 0, 1 + 2); // one poll interval, plus process start of the recorder
            Thread.Sleep(3000);
            Assert.DoesNotContain("COMMBAD", rig.Notes);
            Assert.Equal("NUMLOGINS dev 1", rig.Stack.Connect().Request("GET NUMLOGINS dev"));
        }
        finally
        {
            foreach (var s in idle)
                s.Dispose();
        }
    }

    [Fact]
    public void DriverKilledMakesTheDataStaleWithoutShutdownAndItComesBack()
    {
        using var rig = new Rig();
        rig.Stack.KillDriver("dev");
        rig.WaitFor(() => rig.Notes.Contains("COMMBAD"), "COMMBAD once upsd calls the data stale", seconds: 40);
        Assert.False(rig.ShutDown);
        rig.Stack.StartDriver("dev");
        rig.WaitFor(() => rig.Notes.Contains("COMMOK"), "COMMOK when the driver is back", seconds: 40);
        Assert.False(rig.ShutDown);
        Assert.Equal("NUMLOGINS dev 1", rig.Stack.Connect().Request("GET NUMLOGINS dev")); // upsmon stayed logged in
    }
}
