using Nut.Core.Config;
using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upssched;

/// <summary>
/// upssched (spec/upssched.md): run by upsmon as its NOTIFYCMD with UPSNAME and NOTIFYTYPE set; takes no
/// options. It acts on the AT lines of upssched.conf that match the event; timers live in a daemon that the
/// first START starts — this same program run again in the background (.NET cannot fork), with the
/// environment of the invocation that started it, as NUT's forked daemon has.
/// </summary>
public static class UpsschedProgram
{
    /// <summary>How the daemon copy learns its PIPEFN, LOCKFN and CMDSCRIPT (as read up to the AT line that needed it).</summary>
    const string PipeVariable = "NUTSHARP_UPSSCHED_PIPEFN";
    const string LockVariable = "NUTSHARP_UPSSCHED_LOCKFN";
    const string ScriptVariable = "NUTSHARP_UPSSCHED_CMDSCRIPT";
    /// <summary>How long a client waits for the daemon it started to listen.</summary>
    static readonly TimeSpan s_daemonStartTimeout = TimeSpan.FromSeconds(10);

    public static int Run(string[] args)
    {
        SelfPath.Capture();
        if (Background.IsChild)
            return RunDaemon();
        NutLog.UseSyslog("upssched", alsoStderr: true);
        string? upsName = Environment.GetEnvironmentVariable("UPSNAME");
        string? notifyType = Environment.GetEnvironmentVariable("NOTIFYTYPE");
        if (upsName is null || notifyType is null)
        {
            Console.Out.Write("Error: UPSNAME and NOTIFYTYPE must be set.\nThis program should only be run from upsmon.\n");
            Console.Out.Flush();
            return 1;
        }
        string path = NutPaths.ConfFile("upssched.conf");
        UpsschedConf conf;
        try
        {
            if (!File.Exists(path))
                throw new ConfigException($"Can't open {path}: No such file or directory");
            conf = UpsschedConf.Load(path);
        }
        catch (ConfigException e)
        {
            NutLog.Fatal(e.Message);
            return 1;
        }
        foreach (var d in conf.Diagnostics.Where(d => d != conf.Fatal))
            NutLog.Error(d.Message);
        try
        {
            UpsschedInvocation.CheckConfig(conf);
        }
        catch (UpsschedConfigException e)
        {
            // NUT complains both ways, in case there is no terminal.
            Console.Out.Write(e.Message + "\n");
            Console.Out.Flush();
            NutLog.Fatal(e.Message);
            return 1;
        }
        if (conf.Rules.Count == 0)
            return 0;
        var client = new TimerDaemonClient(conf.PipeFn!, conf.LockFn!, NutLogSink.Instance,
            cmdScript => StartDaemon(conf.PipeFn!, conf.LockFn!, cmdScript));
        try
        {
            UpsschedInvocation.Run(conf, upsName, notifyType, client, ShellCommandRunner.Instance, NutLogSink.Instance);
        }
        catch (UpsschedFatalException e)
        {
            NutLog.Fatal(e.Message);
            return 1;
        }
        return 0;
    }

    /// <summary>Starts the daemon copy and waits until it listens (or failed). The environment it inherits —
    /// UPSNAME and NOTIFYTYPE included — is what its timer scripts will see.</summary>
    static bool StartDaemon(string pipeFn, string lockFn, string cmdScript)
    {
        Environment.SetEnvironmentVariable(PipeVariable, pipeFn);
        Environment.SetEnvironmentVariable(LockVariable, lockFn);
        Environment.SetEnvironmentVariable(ScriptVariable, cmdScript);
        try
        {
            return Background.Launch([], s_daemonStartTimeout) == 0;
        }
        finally
        {
            Environment.SetEnvironmentVariable(PipeVariable, null);
            Environment.SetEnvironmentVariable(LockVariable, null);
            Environment.SetEnvironmentVariable(ScriptVariable, null);
        }
    }

    static int RunDaemon()
    {
        string? pipeFn = Environment.GetEnvironmentVariable(PipeVariable);
        string? lockFn = Environment.GetEnvironmentVariable(LockVariable);
        string? cmdScript = Environment.GetEnvironmentVariable(ScriptVariable);
        Background.DetachChild();
        Environment.SetEnvironmentVariable(PipeVariable, null);
        Environment.SetEnvironmentVariable(LockVariable, null);
        Environment.SetEnvironmentVariable(ScriptVariable, null);
        if (pipeFn is null || lockFn is null || cmdScript is null)
        {
            Console.Error.Write("upssched: the timer daemon was started without PIPEFN, LOCKFN and CMDSCRIPT\n");
            Background.ReportFailure(1);
            return 1;
        }
        NutLog.UseSyslog("upssched");
        var log = NutLogSink.Instance;
        var core = new TimerDaemonCore(TimeProvider.System, log, name => CmdScript.Run(cmdScript, name, ShellCommandRunner.Instance, log));
        int status = TimerDaemon.Run(pipeFn, lockFn, core, log, TimeProvider.System, () =>
        {
            Background.ReportReady();
            Libc.DetachStandardStreams();
        });
        if (status != 0)
            Background.ReportFailure(status);
        return status;
    }
}
