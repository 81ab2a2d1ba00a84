namespace Nut.Tools.Check;

/// <summary>ups.conf's sections: each needs a driver and a port (upsd ignores it otherwise), a driver we or NUT
/// have, and one header per name (a repeated one silently merges into the first).</summary>
public sealed class UpsConfCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Ups is not { } ups)
            return;
        foreach (var s in ups.Sections)
        {
            foreach (int again in s.RepeatedAt)
                c.Error(ups.FileName, again, $"[{s.Name}] is defined again (first at line {s.Line}): upsd merges the two into one UPS; rename one section or remove the duplicate");
            if (s.Driver is null)
                c.Error(ups.FileName, s.Line, $"[{s.Name}] has no driver: upsd ignores the UPS (\"ignoring incomplete configuration\"); add driver = <name>, e.g. usbhid-ups");
            if (s.Port is null)
                c.Error(ups.FileName, s.Line, $"[{s.Name}] has no port: upsd ignores the UPS (\"ignoring incomplete configuration\"); add port = auto (USB) or the device, e.g. /dev/ttyS0");
            if (s is { Driver: "dummy-ups", Port: { } port } && !port.Contains('@')
                && !File.Exists(port.StartsWith('/') ? c.Resolve(port) : c.PathOf(port)))
                c.Error(ups.FileName, s.Settings.LastOrDefault(x => x.Key == "port")?.Line ?? s.Line,
                    $"[{s.Name}]: dummy-ups data file {port} does not exist (a relative name is looked up in the configuration directory); create it or fix the port");
            if (s.Driver is { } driver && !KnownDrivers.IsOurs(driver))
            {
                int line = s.Settings.LastOrDefault(x => x.Key == "driver")?.Line ?? s.Line;
                // A driver program in the driver path is real even if our list of NUT's names lacks it (a newer release).
                bool installed = File.Exists(Path.Combine(ups.DriverPath ?? DefaultDriverPath, driver));
                if (KnownDrivers.NutNames.Contains(driver) || installed)
                    c.Warn(ups.FileName, line, $"[{s.Name}]: driver {driver} is NUT's, not one of NutSharp's: keep NUT's driver installed in the driver path (it works with our upsd), or use one of: {OurDrivers}");
                else
                    c.Error(ups.FileName, line, $"[{s.Name}]: unknown driver {driver}: no such driver in NutSharp or NUT; use one of: {OurDrivers} (or a NUT driver name)");
            }
        }
    }

    /// <summary>Debian's compiled-in DRVPATH (spec/config-files.md §2).</summary>
    const string DefaultDriverPath = "/lib/nut";

    static string OurDrivers => string.Join(", ", global::Nut.Drivers.Programs.All.Select(p => p.Name).Where(KnownDrivers.IsOurs));
}
