using Nut.Core.Config;
using Nut.Testing;
using Nut.Tools.Check;

namespace Nut.Tools.Tests.Check;

/// <summary>
/// A complete, correct standalone configuration in a scratch directory (a dummy-ups UPS, upsd on a free port,
/// upsmon handing events to upssched) — the checker finds nothing in it. Each test plants mistakes by rewriting
/// a file, then asks the checker.
/// </summary>
public sealed class CheckDir : IDisposable
{
    readonly TempDir _dir = new("nut-check");

    public CheckDir()
    {
        Port = FreePort.Next();
        Write("nut.conf", "MODE=standalone\n");
        Write("ups.conf", "[sim]\n\tdriver = dummy-ups\n\tport = sim.dev\n");
        Write("sim.dev", "ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\n");
        Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\n", "640");
        Write("upsd.users", "[mon]\n\tpassword = secret\n\tupsmon primary\n", "640");
        Write("upsmon.conf", $"""
            RUN_AS_USER nobody
            MONITOR sim@localhost 1 mon secret primary
            SHUTDOWNCMD "/bin/true now"
            NOTIFYCMD {this["upssched"]}
            NOTIFYFLAG ONBATT SYSLOG+EXEC
            NOTIFYFLAG ONLINE SYSLOG+EXEC

            """, "640");
        Write("upssched", "#!/bin/sh\nexit 0\n", "755");
        Write("cmd", "#!/bin/sh\nlogger -t ups \"$1\"\n", "755");
        Write("upssched.conf", $"""
            CMDSCRIPT {this["cmd"]}
            PIPEFN {this["pipe"]}
            LOCKFN {this["lock"]}
            AT ONBATT * START-TIMER warn 15
            AT ONLINE * CANCEL-TIMER warn

            """);
    }

    public int Port { get; }
    public string FullPath => _dir.FullPath;
    public string this[string name] => _dir[name];

    public string Write(string name, string content, string mode = "644")
    {
        string path = _dir.Write(name, content);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
        return path;
    }

    public void Delete(string name) => File.Delete(_dir[name]);

    /// <summary>Every finding, formatted as nut-check prints it.</summary>
    public List<string> Check() => [.. NutCheckProgram.Check(FullPath).Select(NutCheckProgram.Format)];

    public List<ConfigDiagnostic> Diagnostics() => NutCheckProgram.Check(FullPath);

    public void Dispose() => _dir.Dispose();
}
