using Nut.Core.Programs;
using Nut.Drivers.Dummy;

namespace Nut.Drivers;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new NutProgram("dummy-ups", DummyUps.Run, "Device simulation and repeater driver"),
        new NutProgram("upsdrvctl", Upsdrvctl.UpsdrvctlProgram.Run, "UPS driver controller"),
        new NutProgram("nut-scanner", Scanner.NutScannerProgram.Run, "Finds UPSes (USB, SNMP, NUT servers, serial) and prints ups.conf sections"),
        .. Hardware.HardwarePrograms.All,
    ];
}
