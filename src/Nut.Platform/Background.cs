using System.Diagnostics;

namespace Nut.Platform;

/// <summary>
/// Going to the background the NUT way — the parent returns only once the daemon is ready, so that
/// `upsdrvctl start` and init scripts can rely on the exit status — without fork(), which .NET cannot do:
/// the program runs itself again, detached (setsid, stdio on /dev/null), with <see cref="ChildMarker"/> in
/// the environment; the child writes its PID file when ready; the parent waits for that (or for the child's
/// early death) and exits.
/// </summary>
public static class Background
{
    /// <summary>Set in the environment of the re-executed background copy.</summary>
    public const string ChildMarker = "NUTSHARP_BACKGROUND_CHILD";

    /// <summary>True in the re-executed copy: it must not go to the background again.</summary>
    public static bool IsChild { get; } = Environment.GetEnvironmentVariable(ChildMarker) == "1";

    /// <summary>
    /// Starts the detached copy with <paramref name="args"/> and waits until <paramref name="pidFile"/> names a
    /// live process other than a stale one, or <paramref name="timeout"/> passes. Returns the exit status
    /// the parent should exit with (0 when the child is up).
    /// </summary>
    public static int Launch(string[] args, string pidFile, TimeSpan timeout, Action<string>? log = null)
    {
        int? stalePid = PidFile.Read(pidFile);
        string self = SelfPath.Resolve();
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // setsid -f: new session, always forked, so the daemon is nobody's child and has no terminal.
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec setsid -f \"$0\" \"$@\" </dev/null >/dev/null 2>&1");
        psi.ArgumentList.Add(self);
        foreach (var a in SelfPath.DispatchPrefix()) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment[ChildMarker] = "1";
        using (var sh = Process.Start(psi)!)
            sh.WaitForExit();

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            int? pid = PidFile.Read(pidFile);
            if (pid is not null && pid != stalePid && PidFile.IsAlive(pid.Value))
                return 0;
            Thread.Sleep(20);
        }
        log?.Invoke($"Background process did not report ready within {timeout.TotalSeconds:0} s (no PID file {pidFile})");
        return 1;
    }

    /// <summary>In the child: leave the parent's process group for good measure (setsid already did).</summary>
    public static void DetachChild()
    {
        if (IsChild)
            Environment.SetEnvironmentVariable(ChildMarker, null);
    }
}
