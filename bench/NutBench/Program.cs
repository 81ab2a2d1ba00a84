using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace NutBench;

/// <summary>
/// Starts Debian's NUT 2.8.0 and NutSharp with the same device data and measures both in the same run
/// (issue 11): GET/LIST throughput and latency, server CPU per request, idle connections and memory,
/// connect churn, a burst of connects, a client that never reads, and upsc's start-up. Prints a table with
/// both figures and their ratio, and writes it to docs/performance.md with the machine and date.
/// </summary>
public static class Program
{
    sealed record Row(string Test, string Nut, string Ours, string Ratio);

    static readonly List<Row> Rows = [];
    static double s_seconds = 3;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 6 && args[0] == "ab")
            return await AbAsync(args);
        if (args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out double s)) s_seconds = s;
        string? only = args.Length > 1 ? args[1] : null; // e.g. "GET": only the load phases whose name starts so, no docs update
        string device = Path.Combine(Paths.TestData, "ddl", "APC", "APC__Back-UPS_RS_1000MS__usbhid-ups__2.7.4__01.dev");
        var upses = new[] { new StackUps("ups", device) };
        using var nut = new NutStack(Impl.Debian, Impl.Debian, upses).Start();
        using var ours = new NutStack(Impl.Ours, Impl.Ours, upses).Start();
        Console.WriteLine($"NUT 2.8.0 upsd pid {nut.Upsd.Pid} port {nut.Port}; NutSharp upsd pid {ours.Upsd.Pid} port {ours.Port}; {s_seconds} s per phase");

        Thread.Sleep(2000);
        Add("upsd RSS idle (KiB)", Rss(nut.Upsd.Pid), Rss(ours.Upsd.Pid), lowerIsBetter: true);
        Add("driver RSS idle (KiB)", Rss(Driver(nut)), Rss(Driver(ours)), lowerIsBetter: true);
        Add("upsd private memory idle (KiB)", Private(nut.Upsd.Pid), Private(ours.Upsd.Pid), lowerIsBetter: true);
        Add("driver private memory idle (KiB)", Private(Driver(nut)), Private(Driver(ours)), lowerIsBetter: true);

        foreach (int clients in new[] { 1, 10, 100, 1000 })
            if (only is null || "GET VAR".StartsWith(only, StringComparison.Ordinal))
                await Compare($"GET VAR, {clients} clients", nut, ours, clients, "GET VAR ups battery.charge\n", Load.OneLine);
        foreach (int clients in new[] { 1, 10, 100, 1000 })
            if (only is null || "LIST VAR".StartsWith(only, StringComparison.Ordinal))
                await Compare($"LIST VAR, {clients} clients", nut, ours, clients, "LIST VAR ups\n", Load.UntilEndList);
        if (only is not null)
        {
            Print(writeDocs: false);
            return 0;
        }

        await Slowloris(nut, ours);
        await Churn(nut, ours);
        await Burst(nut, ours);
        await Task.Delay(7000); // the load is over: let each server settle before measuring idle memory
        await Idle(nut, ours, 1000);
        await Idle(nut, ours, 10000);
        UpscStartup(nut, ours);
        var (nutMean, nutMax) = EventLatency.Measure(nut, Impl.Debian);
        var (ourMean, ourMax) = EventLatency.Measure(ours, Impl.Ours);
        Add($"driver status change to upsmon notification, POLLFREQ 1: mean of {EventLatency.Trials} (ms)", nutMean, ourMean, lowerIsBetter: true);
        Add($"driver status change to upsmon notification, POLLFREQ 1: worst of {EventLatency.Trials} (ms)", nutMax, ourMax, lowerIsBetter: true);

        Print();
        return 0;
    }

    static int Driver(NutStack s) => s.DriverOf("ups").Pid;

    static Task Compare(string name, NutStack nut, NutStack ours, int clients, string request, Load.ReplyDone done) =>
        Compare(name, (nut.Port, nut.Upsd.Pid), (ours.Port, ours.Upsd.Pid), clients, request, done);

    static async Task Compare(string name, (int Port, int Pid) nut, (int Port, int Pid) ours, int clients, string request, Load.ReplyDone done)
    {
        var duration = TimeSpan.FromSeconds(s_seconds);
        var c0 = CpuSplit(nut.Pid);
        var a = await Load.RunAsync(nut.Port, clients, duration, request, done);
        var (userA, systemA) = Since(c0, CpuSplit(nut.Pid));
        var c1 = CpuSplit(ours.Pid);
        var b = await Load.RunAsync(ours.Port, clients, duration, request, done);
        var (userB, systemB) = Since(c1, CpuSplit(ours.Pid));
        double cpuA = (userA + systemA) / 100.0, cpuB = (userB + systemB) / 100.0;
        Add($"{name}: requests/s", a.PerSecond, b.PerSecond, lowerIsBetter: false);
        Add($"{name}: p50 latency (µs)", a.P50Us, b.P50Us, lowerIsBetter: true);
        Add($"{name}: p99 latency (µs)", a.P99Us, b.P99Us, lowerIsBetter: true);
        Add($"{name}: requests per server CPU-second", cpuA > 0 ? a.Requests / cpuA : 0, cpuB > 0 ? b.Requests / cpuB : 0, lowerIsBetter: false);
        // The kernel's part (recv, send, poll/epoll on loopback TCP) is paid by any server: it bounds what
        // the CPU-per-request ratio can reach.
        if (request.StartsWith("GET", StringComparison.Ordinal))
            Add($"{name}: server CPU spent in the kernel (%)", cpuA > 0 ? 100.0 * systemA / (userA + systemA) : 0,
                cpuB > 0 ? 100.0 * systemB / (userB + systemB) : 0, lowerIsBetter: false);
        if (a.Errors + b.Errors > 0)
            Add($"{name}: connections the server dropped", a.Errors, b.Errors, lowerIsBetter: true);
    }

    /// <summary>
    /// For developers: "ab SECONDS PORT-A PID-A PORT-B PID-B" runs the GET phases against two servers already
    /// running (e.g. two builds of ours on one driver) -- A in the "NUT" column, B in the other. No docs update.
    /// </summary>
    static async Task<int> AbAsync(string[] args)
    {
        s_seconds = double.Parse(args[1], CultureInfo.InvariantCulture);
        var a = (int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        var b = (int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
        foreach (int clients in new[] { 1, 10, 100, 1000 })
            await Compare($"GET VAR, {clients} clients", a, b, clients, "GET VAR ups battery.charge\n", Load.OneLine);
        return 0;
    }

    /// <summary>One client pipelines LIST VAR and never reads; how long does another client wait for a GET?</summary>
    static async Task Slowloris(NutStack nut, NutStack ours)
    {
        async Task<double> Measure(NutStack s)
        {
            using var hog = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await hog.ConnectAsync("127.0.0.1", s.Port);
            var flood = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("LIST VAR ups\n", 8000)));
            _ = hog.SendAsync(flood, SocketFlags.None);
            await Task.Delay(1000);
            var clock = Stopwatch.StartNew();
            var r = await Load.RunAsync(s.Port, 1, TimeSpan.FromMilliseconds(1), "GET VAR ups battery.charge\n", Load.OneLine)
                .WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
            return r is null ? 10_000 : clock.Elapsed.TotalMilliseconds;
        }
        Add("another client's GET while one client never reads (ms; 10000 = no answer in 10 s)", await Measure(nut), await Measure(ours), lowerIsBetter: true);
        await Task.Delay(500);
    }

    static async Task Churn(NutStack nut, NutStack ours)
    {
        var d = TimeSpan.FromSeconds(s_seconds);
        Add("connect-GET-close churn, 10 workers (connections/s)",
            await Load.ChurnAsync(nut.Port, 10, d, "GET VAR ups battery.charge\n"),
            await Load.ChurnAsync(ours.Port, 10, d, "GET VAR ups battery.charge\n"), lowerIsBetter: false);
    }

    /// <summary>1,000 connects at once, each asking VER: seconds until all are answered (60 = gave up).</summary>
    static async Task Burst(NutStack nut, NutStack ours)
    {
        static async Task<double> Measure(int port)
        {
            var clock = Stopwatch.StartNew();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var tasks = Enumerable.Range(0, 1000).Select(async _ =>
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync("127.0.0.1", port, cts.Token);
                await s.SendAsync("VER\n"u8.ToArray(), SocketFlags.None, cts.Token);
                var b = new byte[128];
                return await s.ReceiveAsync(b, SocketFlags.None, cts.Token) > 0;
            }).ToArray();
            try { await Task.WhenAll(tasks); }
            catch (Exception e) when (e is OperationCanceledException or SocketException) { return 60; }
            return clock.Elapsed.TotalSeconds;
        }
        Add("1,000 connects at once: seconds until all answered (60 = not all)", await Measure(nut.Port), await Measure(ours.Port), lowerIsBetter: true);
    }

    static async Task Idle(NutStack nut, NutStack ours, int count)
    {
        async Task<(double Rss, double Open, int Answered)> Measure(NutStack s)
        {
            var (sockets, open, answered) = await Load.HoldAsync(s.Port, count);
            await Task.Delay(500);
            double rss = Rss(s.Upsd.Pid);
            foreach (var so in sockets) so.Dispose();
            await Task.Delay(1000);
            return (rss, open, answered);
        }
        var a = await Measure(nut);
        var b = await Measure(ours);
        Add($"{count:N0} idle connections: answered", a.Answered, b.Answered, lowerIsBetter: false);
        Add($"{count:N0} idle connections: upsd RSS (KiB)", a.Rss, b.Rss, lowerIsBetter: true);
        Add($"{count:N0} idle connections: seconds to open (64 pending)", a.Open, b.Open, lowerIsBetter: true);
    }

    /// <summary>upsc's wall time and peak RSS, each against its own server (median of 20 runs).</summary>
    static void UpscStartup(NutStack nut, NutStack ours)
    {
        foreach (var (label, args) in new (string, Func<NutStack, string[]>)[]
        {
            ("upsc ups@host battery.charge", s => [$"ups@127.0.0.1:{s.Port}", "battery.charge"]),
            ("upsc -l host", s => ["-l", $"127.0.0.1:{s.Port}"]),
            ("upsc ups@host", s => [$"ups@127.0.0.1:{s.Port}"]),
        })
        {
            var a = Time(Paths.Debian("upsc"), args(nut));
            var b = Time(Paths.Ours("upsc"), args(ours));
            Add($"{label}: wall time (ms)", a.Ms, b.Ms, lowerIsBetter: true);
            Add($"{label}: peak RSS (KiB)", a.Kib, b.Kib, lowerIsBetter: true);
        }
    }

    static (double Ms, double Kib) Time(string program, string[] args)
    {
        var times = new List<double>();
        var rss = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("-f");
            psi.ArgumentList.Add("RSS=%M");
            psi.ArgumentList.Add(program);
            foreach (var a in args) psi.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            string err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            times.Add(clock.Elapsed.TotalMilliseconds);
            var m = System.Text.RegularExpressions.Regex.Match(err, @"RSS=(\d+)");
            if (m.Success) rss.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        times.Sort();
        rss.Sort();
        return (times[times.Count / 2], rss.Count > 0 ? rss[rss.Count / 2] : 0);
    }

    static void Add(string test, double nut, double ours, bool lowerIsBetter)
    {
        string ratio = nut > 0 ? (ours / nut).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
        Rows.Add(new Row(test, Fmt(nut), Fmt(ours), ratio + (lowerIsBetter ? " (lower is better)" : "")));
        Console.WriteLine($"  {test}: NUT {Fmt(nut)}, ours {Fmt(ours)}, ratio {ratio}");
    }

    static string Fmt(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The sections other scripts own (bench/idle-hour.sh writes "## Memory after an hour idle"): kept as they are.</summary>
    static string KeptSections(string docs)
    {
        if (!File.Exists(docs))
            return "";
        string old = File.ReadAllText(docs);
        // The first heading or marker comment after bench.sh's table starts what other scripts own.
        int at = new[] { old.IndexOf("\n## ", StringComparison.Ordinal), old.IndexOf("\n<!-- ", StringComparison.Ordinal) }
            .Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return at < 0 ? "" : old[at..];
    }

    /// <summary>User and system CPU time of a process so far, in clock ticks (1/100 s).</summary>
    static (long User, long System) CpuSplit(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    static (long User, long System) Since((long User, long System) before, (long User, long System) after) =>
        (after.User - before.User, after.System - before.System);

    static double Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }

    /// <summary>
    /// Memory only this process holds (Private_Clean + Private_Dirty): RSS also counts the pages of the
    /// executable and libraries it has mapped, which every process running them shares -- for NutSharp's one
    /// multi-call binary, every daemon on the machine.
    /// </summary>
    static double Private(int pid)
    {
        double kib = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            if (line.StartsWith("Private_Clean:", StringComparison.Ordinal) || line.StartsWith("Private_Dirty:", StringComparison.Ordinal))
                kib += double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib;
    }

    static void Print(bool writeDocs = true)
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var sb = new StringBuilder();
        sb.Append("# Performance: NutSharp side by side with NUT 2.8.0\n\n");
        sb.Append($"Measured by `./bench.sh` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} CPU ({cpu}), ")
          .Append($"{Environment.OSVersion.VersionString}, {s_seconds} s per load phase. Both servers ran on this machine in the same run with ")
          .Append("the same device data (an APC Back-UPS RS 1000MS dump served by each one's own dummy-ups); the load generator ")
          .Append("(bench/NutBench, one process) shares the two cores with them, so at 10+ clients compare the CPU per request too. ")
          .Append("Ratio = ours / NUT's.\n\n");
        sb.Append("| test | NUT 2.8.0 | NutSharp | ratio |\n| --- | ---: | ---: | --- |\n");
        foreach (var r in Rows)
            sb.Append($"| {r.Test} | {r.Nut} | {r.Ours} | {r.Ratio} |\n");
        sb.Append("\nRSS counts the executable's pages a process has mapped. NutSharp's daemons are all one NativeAOT multi-call ")
          .Append("executable (about 10 MB, every program in it), and a daemon maps a few MB of its code; those pages are shared by ")
          .Append("every NutSharp process on the machine, so the private-memory rows show what each daemon costs on its own. ")
          .Append("The memory of each daemon after an hour idle is measured by bench/idle-hour.sh (its section below, when it has been run).\n");
        Console.WriteLine();
        Console.Write(sb.ToString());
        if (!writeDocs)
            return;
        string docs = Path.Combine(Paths.RepoRoot, "docs", "performance.md");
        File.WriteAllText(docs, sb.ToString() + KeptSections(docs));
        Console.WriteLine($"\nwritten to {docs}");
    }
}
