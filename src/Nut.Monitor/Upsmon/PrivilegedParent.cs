using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// NUT's privilege split without fork(): the process that started as root stays root and does nothing but
/// wait on a pipe; the monitoring is done by a copy of this program started with the pipe's write end as an
/// inherited descriptor (named in <see cref="ParentPipe.EnvironmentVariable"/>), which writes the PID file
/// and then gives up root. The child can only ask for one thing — the shutdown (byte 1) — and the parent
/// runs it with the POWERDOWNFLAG and SHUTDOWNCMD it read itself at start, so a compromised child cannot
/// make root run anything else. When the pipe closes without a request the child is gone and the parent
/// exits too.
/// </summary>
public static class PrivilegedParent
{
    /// <summary>Starts the child with <paramref name="childArgs"/> and serves it; returns the exit status.
    /// <paramref name="started"/> gets the child's PID once it runs.</summary>
    public static int Run(string[] childArgs, string? powerDownFlag, string? shutdownCmd, IMonitorLog log,
        ICommandRunner commands, Action<int> started)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        Process child;
        try
        {
            var psi = new ProcessStartInfo(SelfPath.Resolve()) { UseShellExecute = false };
            foreach (var a in SelfPath.DispatchPrefix()) psi.ArgumentList.Add(a);
            foreach (var a in childArgs) psi.ArgumentList.Add(a);
            psi.Environment[ParentPipe.EnvironmentVariable] = pipe.GetClientHandleAsString();
            child = Process.Start(psi)!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            log.Log(MonitorLogLevel.Error, $"fork failed: {e.Message}");
            return 1;
        }
        pipe.DisposeLocalCopyOfClientHandle();
        started(child.Id);

        // The parent ignores what is meant for the child (NUT: SIGHUP, SIGUSR1, SIGUSR2 → SIG_IGN).
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        using var usr1 = PosixSignalRegistration.Create((PosixSignal)Libc.SIGUSR1, c => c.Cancel = true);
        using var usr2 = PosixSignalRegistration.Create((PosixSignal)Libc.SIGUSR2, c => c.Cancel = true);

        using (child)
        {
            while (true)
            {
                int b;
                try { b = pipe.ReadByte(); }
                catch (IOException) { b = -1; }
                if (b < 0)
                {
                    // The child exited (or closed its end): nothing left to protect.
                    log.Log(MonitorLogLevel.Error, "upsmon parent: read");
                    return 1;
                }
                if (b == ParentPipe.ShutdownRequest)
                {
                    ShutdownSteps.Run(powerDownFlag, shutdownCmd, log, commands, "parent: ");
                    return 0;
                }
                log.Log(MonitorLogLevel.Error, $"upsmon parent: got bogus pipe command {(char)b}");
            }
        }
    }
}
