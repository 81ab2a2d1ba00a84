using System.Diagnostics;
using System.Globalization;
using Nut.Testing;

namespace NutBench;

/// <summary>
/// The time from a status change in the driver to upsmon's notification: each stack's own upsmon (POLLFREQ 1,
/// primary) watches its own upsd; ups.status is flipped between OB and OL through the driver (upsrw, which
/// dummy-ups accepts for any variable), and the NOTIFYCMD stamps the moment it runs. upsmon polls, so a change
/// waits for the next poll: between 0 and 1 s plus the cost of the path, the same for both.
/// </summary>
public static class EventLatency
{
    public const int Trials = 12;

    /// <summary>Mean and maximum latency in milliseconds over <see cref="Trials"/> changes.</summary>
    public static (double MeanMs, double MaxMs) Measure(NutStack stack, Impl impl)
    {
        string dir = Path.Combine(stack.Dir.FullPath, "upsmon-" + impl.ToString().ToLowerInvariant());
        Directory.CreateDirectory(Path.Combine(dir, "pid"));
        string log = Path.Combine(dir, "notify.log");
        string script = Path.Combine(dir, "notify.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$(date +%s.%N) $NOTIFYTYPE\" >> {log}\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        string conf = Path.Combine(dir, "upsmon.conf");
        File.WriteAllText(conf, $"MONITOR ups@127.0.0.1:{stack.Port} 1 mon monpw primary\nPOLLFREQ 1\nPOLLFREQALERT 1\n"
            + $"NOTIFYCMD {script}\nNOTIFYFLAG ONBATT EXEC\nNOTIFYFLAG ONLINE EXEC\nSHUTDOWNCMD \"/bin/true\"\n"
            + $"POWERDOWNFLAG {dir}/killpower\n");
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = stack.Env;
        env["NUT_PIDPATH"] = Path.Combine(dir, "pid");
        string[] args = ["-F", "-p", "-u", "root", "-f", conf];
        // Debian's upsmon insists on /run/nut for its pid file: a private tmpfs there keeps the host's own untouched.
        using var upsmon = impl == Impl.Ours
            ? Proc.Start(Paths.Ours("upsmon"), args, env, dir)
            : Proc.Start("unshare", ["--mount", "sh", "-c", "mkdir -p /run/nut && mount -t tmpfs tmpfs /run/nut && exec \"$0\" \"$@\"", Paths.Debian("upsmon"), .. args], env, dir);
        Thread.Sleep(3000); // logged in, first polls done
        var latencies = new List<double>();
        for (int i = 0; i < Trials; i++)
        {
            string status = i % 2 == 0 ? "OB" : "OL";
            int before = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
            double t0 = Now();
            var r = stack.Run(Paths.Debian("upsrw"), "-s", "ups.status=" + status, "-u", "admin", "-p", "mypass", $"ups@127.0.0.1:{stack.Port}");
            if (r.ExitCode != 0)
                throw new InvalidOperationException("upsrw failed: " + r);
            var clock = Stopwatch.StartNew();
            string[] lines = [];
            while (clock.Elapsed < TimeSpan.FromSeconds(10) && (lines = File.Exists(log) ? File.ReadAllLines(log) : []).Length <= before)
                Thread.Sleep(2);
            if (lines.Length <= before)
                throw new TimeoutException($"{impl} upsmon sent no notification for {status} within 10 s:\n{upsmon.Output}");
            latencies.Add((double.Parse(lines[before].Split(' ')[0], CultureInfo.InvariantCulture) - t0) * 1000);
            Thread.Sleep(300 + Random.Shared.Next(700)); // the next change lands at another point of the poll cycle
        }
        return (latencies.Average(), latencies.Max());
    }

    static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
