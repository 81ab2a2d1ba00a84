using Nut.Core.Config;

namespace Nut.Tools.Check;

/// <summary>
/// nut.conf's MODE against the files present: the MODE decides which daemons start (Debian's wrappers, our units),
/// and each daemon stops at start without its files. A bad or missing MODE itself is NutConf's own error.
/// </summary>
public sealed class ModeCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        string nutConf = c.PathOf("nut.conf");
        if (c.Nut is null)
        {
            if (!File.Exists(nutConf))
                c.Warn(nutConf, 0, "missing: without MODE the upsd and upsmon wrappers and units start nothing; add nut.conf with MODE=standalone, netserver or netclient");
            return;
        }
        int line = c.Nut.Variables.TryGetValue("MODE", out var mode) ? mode.Line : 0;
        if (c.Nut.RunsUpsd)
        {
            string modeText = c.Nut.Mode == NutMode.Standalone ? "standalone" : "netserver";
            RequireFile(c, "ups.conf", line, modeText, "upsd and the drivers read it");
            RequireFile(c, "upsd.conf", line, modeText, "upsd stops at start without it");
            RequireFile(c, "upsd.users", line, modeText, "upsd stops at start without it");
            if (c.Ups is { } ups && !ups.Sections.Any(s => s.IsComplete) && c.Upsd?.AllowNoDevice != true)
                c.Error(ups.FileName, 0, $"MODE={modeText} but no UPS is defined: upsd stops with \"at least one UPS must be defined in ups.conf\"; add a [ups] section with driver and port, or set MODE=netclient");
        }
        if (c.Nut.RunsUpsmon)
            RequireFile(c, "upsmon.conf", line, c.Nut.Mode.ToString()!.ToLowerInvariant(), "upsmon stops at start without it");
        if (c.Nut.Mode == NutMode.NetClient && c.Upsmon is { } upsmon)
        {
            foreach (var m in upsmon.Monitors.Where(m => LocalHost.Is(m.Host)))
                c.Warn(upsmon.FileName, m.Line, $"MONITOR {m.System} names this machine, but MODE=netclient starts no upsd here: give the server's host name, or set MODE=standalone or netserver");
        }
    }

    static void RequireFile(CheckContext c, string name, int modeLine, string mode, string why)
    {
        string path = c.PathOf(name);
        if (!File.Exists(path))
            c.Error(c.PathOf("nut.conf"), modeLine, $"MODE={mode} needs {name}, which is missing ({why}): create {path}");
    }
}
