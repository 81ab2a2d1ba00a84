using Nut.Core.Programs;
using Nut.Tools.Clients;

namespace Nut.Tools;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new NutProgram("upsc", UpscProgram.Run, "Lists UPSes, their variables and clients"),
        new NutProgram("upscmd", UpscmdProgram.Run, "Runs instant commands"),
        new NutProgram("upsrw", UpsrwProgram.Run, "Lists and sets writable variables"),
        new NutProgram("upslog", Upslog.UpslogProgram.Run, "Logs UPS values to a file"),
        new NutProgram("nut-plot", Plot.NutPlotProgram.Run, "Charts an upslog file as SVG or PNG"),
        new NutProgram("nut-drill", Drill.DrillProgram.Run, "Runs your upsmon and upssched set-up against a simulated power failure"),
        new NutProgram("nut-health", Health.NutHealthProgram.Run, "Battery health from a UPS's history: real runtime, capacity fade, shutdown budget"),
        new NutProgram("nut-check", Check.NutCheckProgram.Run, "Checks a configuration directory and reports every problem with file and line"),
    ];
}
