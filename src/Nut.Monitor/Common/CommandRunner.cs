using System.Diagnostics;

namespace Nut.Monitor.Common;

/// <summary>
/// Runs command lines the way NUT's C code does with system(): through <c>/bin/sh -c</c>, so the line is
/// split, quoted and expanded by the shell. Used for NOTIFYCMD, SHUTDOWNCMD and upssched's CMDSCRIPT; a
/// simulation records the calls instead.
/// </summary>
public interface ICommandRunner
{
    /// <summary>
    /// Runs <paramref name="commandLine"/> and waits for it (system()). <paramref name="environment"/> is added
    /// to the inherited environment. Returns the exit status, 128+N for a signal, or -1 when the shell
    /// could not be started.
    /// </summary>
    int Run(string commandLine, IReadOnlyDictionary<string, string>? environment = null);

    /// <summary>Starts <paramref name="commandLine"/> without waiting for it (upsmon forks its notifiers and
    /// never waits, so a slow NOTIFYCMD cannot stall monitoring). False when it could not be started.</summary>
    bool Start(string commandLine, IReadOnlyDictionary<string, string>? environment = null);
}

/// <summary>The real thing: <c>/bin/sh -c</c> with the standard streams inherited.</summary>
public sealed class ShellCommandRunner : ICommandRunner
{
    public const string Shell = "/bin/sh";

    public static readonly ShellCommandRunner Instance = new();

    public int Run(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            using var p = Process.Start(Info(commandLine, environment))!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return -1;
        }
    }

    public bool Start(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            var p = Process.Start(Info(commandLine, environment))!;
            // Keep the object until the child ends so the runtime reaps it, then let it go.
            p.EnableRaisingEvents = true;
            p.Exited += (_, _) => p.Dispose();
            if (p.HasExited)
                p.Dispose();
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }

    static ProcessStartInfo Info(string commandLine, IReadOnlyDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(Shell) { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(commandLine);
        if (environment is not null)
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        return psi;
    }
}
