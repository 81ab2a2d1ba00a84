namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// The outlet groups of MGE/Eaton units (UPS.OutletSystem.Outlet.[n], "PowerShare"), as NUT 2.8.0 maps them:
/// Outlet.[1] is the main (unswitched) outlet published as <c>outlet.*</c>, Outlet.[2] and Outlet.[3] the
/// switchable groups published as <c>outlet.1.*</c> and <c>outlet.2.*</c>. Small units without switchable groups
/// report outlet.1.status from ACPresent.
/// </summary>
public static class MgeOutlets
{
    const string Outlet = "UPS.OutletSystem.Outlet.";
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static;

    public static IEnumerable<HidInfo> Entries()
    {
        yield return HidInfo.Var("outlet.id", Outlet + "[1].OutletID", "%.0f", S);
        yield return Desc("outlet.desc", Outlet + "[1].OutletID", "Main Outlet");
        yield return HidInfo.Var("outlet.switchable", Outlet + "[1].PresentStatus.Switchable", "%s", S, MgeHid.YesNoStatic);
        yield return HidInfo.Var("outlet.power", Outlet + "[1].ApparentPower");
        yield return HidInfo.Var("outlet.realpower", Outlet + "[1].ActivePower");
        yield return HidInfo.Var("outlet.current", Outlet + "[1].Current", "%.2f");
        yield return HidInfo.Var("outlet.powerfactor", Outlet + "[1].PowerFactor", "%.2f");
        for (int n = 1; n <= 2; n++)
        {
            string p = $"{Outlet}[{n + 1}].", v = $"outlet.{n}.";
            yield return HidInfo.Var(v + "id", p + "OutletID", "%.0f", S);
            yield return Desc(v + "desc", p + "OutletID", $"PowerShare Outlet {n}");
            yield return HidInfo.Var(v + "switchable", p + "PresentStatus.Switchable", "%s", n == 1 ? S : N, MgeHid.YesNoStatic);
            yield return HidInfo.Var(v + "status", p + "PresentStatus.SwitchOn/Off", "%s", N, MgeHid.OutletStatus);
            if (n == 1) // low-end units with one non-backed-up outlet
                yield return HidInfo.Var(v + "status", "UPS.PowerSummary.PresentStatus.ACPresent", "%s", N, MgeHid.OutletStatus);
            yield return RwNumber(v + "autoswitch.charge.low", p + "RemainingCapacityLimit", 3);
            yield return RwNumber(v + "delay.shutdown", p + "ShutdownTimer", 5);
            yield return RwNumber(v + "delay.start", p + "StartupTimer", 5);
            yield return HidInfo.Var(v + "power", p + "ApparentPower");
            yield return HidInfo.Var(v + "realpower", p + "ActivePower");
            yield return HidInfo.Var(v + "current", p + "Current", "%.2f");
            yield return HidInfo.Var(v + "powerfactor", p + "PowerFactor", "%.2f");
        }
    }

    /// <summary>outlet.n.load.off / load.on: write 0 to the group's shutdown / startup delay (act now).</summary>
    public static IEnumerable<HidInfo> Commands()
    {
        for (int n = 1; n <= 2; n++)
        {
            yield return HidInfo.Cmd($"outlet.{n}.load.off", $"{Outlet}[{n + 1}].DelayBeforeShutdown", "0");
            yield return HidInfo.Cmd($"outlet.{n}.load.on", $"{Outlet}[{n + 1}].DelayBeforeStartup", "0");
        }
    }

    // A description NUT publishes as a writable string (20 characters) when the outlet exists, without reading it.
    static HidInfo Desc(string name, string path, string text) =>
        new(name, path, text, HidInfoFlags.Absent | HidInfoFlags.Rw | HidInfoFlags.String, null, 20);

    static HidInfo RwNumber(string name, string path, int length) =>
        HidInfo.Rw(name, path) with { StringLength = length };
}
