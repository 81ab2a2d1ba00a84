using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Nut.Core.Config;
using Nut.Platform;

namespace Nut.Drivers.Upsdrvctl;

/// <summary>
/// <c>upsdrvctl -F start</c>: the drivers run in the foreground as children of upsdrvctl, which stays with them
/// and restarts one that dies (a crash, SIGKILL, the OOM killer) after <see cref="RestartBackoff"/>'s delay.
/// upsd is left alone: it sees the data go stale and reconnects to the new driver's socket. A driver that
/// exits with status 0 was stopped on purpose (<c>upsdrvctl stop ups</c>) and stays stopped. SIGTERM, SIGINT
/// and SIGQUIT are passed on to every driver and upsdrvctl ends when they have; SIGHUP is passed on (reload).
/// This is what systemd's Restart=always does for nut-driver@.service, for systems without systemd.
/// </summary>
public sealed class DriverSupervisor
{
    /// <summary>How long stopping drivers get before they are killed (a driver's own stop takes well under it).</summary>
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    sealed class Child(UpsSection ups, string exe, List<string> args, RestartBackoff backoff)
    {
        public UpsSection Ups { get; } = ups;
        public string Exe { get; } = exe;
        public List<string> Args { get; } = args;
        public RestartBackoff Backoff { get; } = backoff;
        public Process? Process;
        public DateTime StartedAt;
        public DateTime? RestartAt = DateTime.UtcNow;
        public int Starts;
        public bool Finished;
    }

    readonly List<Child> _children;
    readonly AutoResetEvent _wake = new(false);
    int _stopSignal;
    bool _hangup;

    public DriverSupervisor(IEnumerable<(UpsSection Ups, string Exe, List<string> Args)> drivers, UpsConf conf)
    {
        _children = drivers.Select(d => new Child(d.Ups, d.Exe, d.Args, new RestartBackoff(conf.RetryDelay, conf.MaxRetry))).ToList();
    }

    /// <summary>Runs until a stop signal (0) or until every driver has exited on purpose (0).</summary>
    public int Run()
    {
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, Libc.SIGTERM));
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, 2));
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => Stop(c, 3));
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; _hangup = true; _wake.Set(); });

        while (Volatile.Read(ref _stopSignal) == 0)
        {
            if (_hangup)
            {
                _hangup = false;
                Signal(Libc.SIGHUP);
            }
            var now = DateTime.UtcNow;
            foreach (var c in _children.Where(c => !c.Finished))
            {
                if (c.Process is { HasExited: true } p)
                    Reap(c, p, now);
                if (c.Process is null && c.RestartAt is { } at && at <= now && Volatile.Read(ref _stopSignal) == 0)
                    Launch(c, now);
            }
            if (_children.All(c => c.Finished))
            {
                NutLog.Info("All drivers have stopped");
                return 0;
            }
            // Child exits are noticed within this tick; a signal wakes the loop at once.
            _wake.WaitOne(TimeSpan.FromMilliseconds(200));
        }
        StopAll();
        return 0;
    }

    void Stop(PosixSignalContext c, int signal)
    {
        c.Cancel = true;
        Volatile.Write(ref _stopSignal, signal);
        _wake.Set();
    }

    void Launch(Child c, DateTime now)
    {
        c.RestartAt = null;
        c.Starts++;
        if (c.Starts > 1)
            NutLog.Info($"Restarting driver for UPS [{c.Ups.Name}] (restart {c.Starts - 1})");
        NutLog.Debug(2, $"exec:  {c.Exe} {string.Join(' ', c.Args)}");
        var psi = new ProcessStartInfo(c.Exe) { UseShellExecute = false };
        foreach (var a in c.Args) psi.ArgumentList.Add(a);
        try
        {
            c.Process = Process.Start(psi);
            c.StartedAt = now;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Missing or not executable: the same crash-loop rules as a driver that dies at once.
            var delay = c.Backoff.NextDelay(TimeSpan.Zero);
            NutLog.Error($"Can't start {c.Exe}: {e.Message}; trying again in {Seconds(delay)} s");
            c.RestartAt = now + delay;
        }
    }

    void Reap(Child c, Process p, DateTime now)
    {
        int code = p.ExitCode;
        p.Dispose();
        c.Process = null;
        if (code == 0)
        {
            NutLog.Info($"Driver for UPS [{c.Ups.Name}] exited normally; not restarting it");
            c.Finished = true;
            return;
        }
        var delay = c.Backoff.NextDelay(now - c.StartedAt);
        NutLog.Warning($"Driver for UPS [{c.Ups.Name}] died ({HowItEnded(code)}); restarting it in {Seconds(delay)} s");
        c.RestartAt = now + delay;
    }

    /// <summary>.NET reports a child killed by signal N as exit code 128+N, as the shell does.</summary>
    static string HowItEnded(int code) =>
        code > 128 && code < 128 + 65 ? $"killed by signal {code - 128}" : $"exit status {code}";

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    void Signal(int signal)
    {
        foreach (var c in _children)
            if (c.Process is { HasExited: false } p)
                Libc.Kill(p.Id, signal);
    }

    void StopAll()
    {
        int signal = Volatile.Read(ref _stopSignal);
        NutLog.Info($"Signal {signal}: stopping the drivers");
        // The drivers are told to stop with SIGTERM whatever stopped us: it is the signal they clean up on.
        Signal(Libc.SIGTERM);
        var end = DateTime.UtcNow + StopGrace;
        foreach (var c in _children)
        {
            if (c.Process is not { } p)
                continue;
            var left = end - DateTime.UtcNow;
            if (!p.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                NutLog.Warning($"Driver for UPS [{c.Ups.Name}] did not stop in {StopGrace.TotalSeconds} s; killing it");
                Libc.Kill(p.Id, 9);
                p.WaitForExit();
            }
            p.Dispose();
            c.Process = null;
        }
    }
}
