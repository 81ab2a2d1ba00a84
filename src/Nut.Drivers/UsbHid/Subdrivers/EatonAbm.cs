namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Eaton's Advanced Battery Monitoring as NUT's mge-hid reads it. UPS.BatterySystem.Charger.ABMEnable says whether
/// the charger cycles (charging, floating, resting) instead of charging constantly; Charger.Mode says where in the
/// cycle it is (published as battery.charger.status). With ABM on, the PresentStatus Charging/Discharging bits are
/// ignored and CHRG/DISCHRG follow the mode: charging and floating give CHRG, discharging gives DISCHRG, resting
/// gives neither (on mains, battery left alone). With ABM off, the plain bits count.
/// A unit that does not report ABMEnable at all is treated as ABM off. NUT 2.8.0 treated it as on, so such units
/// (no ABM usages, e.g. the 3S) never showed CHRG or DISCHRG; NUT 2.8.3 fixed that ("treat ABM unknown as
/// disabled"), and we follow the fix.
/// </summary>
public sealed class EatonAbm
{
    /// <summary>Null until the unit reports ABMEnable.</summary>
    public bool? Enabled { get; private set; }

    bool On => Enabled == true;

    public const string EnablePath = "UPS.BatterySystem.Charger.ABMEnable";
    public const string ModePath = "UPS.BatterySystem.Charger.Mode";
    const string Status = "UPS.PowerSummary.PresentStatus";

    /// <summary>battery.charger.status text for a Charger.Mode value (null: not published).</summary>
    public static string? ModeText(double mode) => (long)mode switch
    {
        1 => "charging", 2 => "discharging", 3 => "floating", 4 => "resting", 6 => "off", _ => null,
    };

    /// <summary>The table entries, to be placed before the other status bits.</summary>
    public IEnumerable<HidInfo> Entries()
    {
        const HidInfoFlags Q = HidInfoFlags.QuickPoll;
        // Read for its side effect only (the lookup never publishes): remembers whether ABM is on.
        yield return HidInfo.Var("battery.charger.abm", EnablePath, "%s", Q, new FuncLookup(v =>
        {
            Enabled = v != 0;
            return null;
        }));
        yield return HidInfo.Var("battery.charger.status", ModePath, "%s", Q, new FuncLookup(v => On ? ModeText(v) : null));
        // The plain bits count only without ABM; with ABM they change nothing (an interrupt report carrying them
        // must not undo what the charger mode said).
        yield return new HidInfo("BOOL", Status + ".Discharging", "%s", Q)
            { Status = HidStatusFlag.Discharging, StatusOf = v => On ? null : v == 1 };
        yield return new HidInfo("BOOL", Status + ".Charging", "%s", Q)
            { Status = HidStatusFlag.Charging, StatusOf = v => On ? null : v == 1 };
        // With ABM on the charger mode decides both: 1 charging and 3 floating give CHRG, 2 gives DISCHRG, the rest
        // (4 resting, 5 undefined, 6 off) neither. NUT gets the same by clearing both from the bits and then
        // setting one from the mode in each poll.
        yield return new HidInfo("BOOL", ModePath, "%s", Q)
            { Status = HidStatusFlag.Charging, StatusOf = v => On ? (long)v is 1 or 3 : null };
        yield return new HidInfo("BOOL", ModePath, "%s", Q)
            { Status = HidStatusFlag.Discharging, StatusOf = v => On ? (long)v == 2 : null };
    }
}
