namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// Power events changed on the simulator while the driver runs drive ups.status and ups.alarm (FACTS.md §4), for
/// APC, CyberPower, Eaton and Tripp Lite descriptors: the four with recorded values, and four more whose values
/// start from a small default set by the test.
/// </summary>
public sealed class HidStatusScenarioTests
{
    /// <summary>A descriptor, how to bring it up, and where its status bits live.</summary>
    public sealed record Unit(string Model, string? Header, string[] StatusPrefixes, string OverloadPrefix, Dictionary<string, double>? Defaults = null);

    static readonly Dictionary<string, double> Healthy = new()
    {
        ["UPS.PowerSummary.RemainingCapacity"] = 100, ["UPS.PowerSummary.RunTimeToEmpty"] = 1200,
        ["UPS.PowerSummary.ff860060"] = 8, // APCStatusFlag: "not off"
    };

    public static readonly Unit[] Units =
    [
        new("apc-back-ups-es-850g2", null, ["UPS.PowerSummary.PresentStatus", "UPS.PresentStatus", "UPS.PowerSummary"], "UPS.PowerSummary.PresentStatus"),
        new("cyberpower-cp1500pfclcd", null, ["UPS.PowerSummary.PresentStatus"], "UPS.Output"),
        new("eaton-5sc-750", null, ["UPS.PowerSummary.PresentStatus"], "UPS.PowerSummary.PresentStatus"),
        new("tripplite-usb4003", null, ["UPS.PowerSummary.PresentStatus", "UPS.BatterySystem.Battery.PresentStatus"], "UPS.PowerConverter.PresentStatus"),
        new("apc-back-ups-rs-1000g", "APC Back-UPS RS 1000G (051d:0002)", ["UPS.PowerSummary.PresentStatus", "UPS.PresentStatus", "UPS.PowerSummary"], "UPS.PowerSummary.PresentStatus", Healthy),
        new("cyberpower-cp1500avrlcda", "CyberPower CP1500AVRLCDa (0764:0501)", ["UPS.PowerSummary.PresentStatus"], "UPS.Output", Healthy),
        new("eaton-3s-700", "Eaton 3S 700 (0463:ffff)", ["UPS.PowerSummary.PresentStatus"], "UPS.PowerSummary.PresentStatus", Healthy),
        new("tripplite-usb3016", "Tripp Lite SMART1500LCDT (09ae:3016)", ["UPS.PowerSummary.PresentStatus", "UPS.BatterySystem.Battery.PresentStatus"], "UPS.PowerConverter.PresentStatus", Healthy),
    ];

    public static TheoryData<string> Models => new(Units.Select(u => u.Model));

    static HidDriverRig Bring(Unit u)
    {
        var rig = new HidDriverRig(u.Model, header: u.Header);
        if (u.Defaults is not null)
        {
            foreach (var (path, v) in u.Defaults) TrySet(rig, path, v);
            SetBit(rig, u, "ACPresent", 1);
            SetBit(rig, u, "BatteryPresent", 1);
            SetBit(rig, u, "Good", 1);
        }
        // Eaton ABM off, so the PresentStatus Charging/Discharging bits count (HidEatonVendorTests covers ABM on).
        TrySet(rig, "UPS.BatterySystem.Charger.ffff0087", 0); // ABMEnable, named only once the subdriver is chosen
        return rig.Start();
    }

    static bool TrySet(HidDriverRig rig, string path, double value)
    {
        try
        {
            rig.Device.SetValue(path, value);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // this descriptor has no such field
        }
    }

    // Sets a status usage in every status collection of the unit (real units update all their copies at once).
    static bool SetBit(HidDriverRig rig, Unit u, string usage, double value)
    {
        bool any = false;
        foreach (var prefix in u.StatusPrefixes)
            any |= TrySet(rig, prefix + "." + usage, value);
        Assert.True(any || usage is "BatteryPresent" or "Good" or "FullyCharged" or "NeedReplacement", $"{u.Model}: no {usage} in {string.Join(", ", u.StatusPrefixes)}");
        return any;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PowerEventsDriveUpsStatus(string model)
    {
        var u = Units.Single(x => x.Model == model);
        using var rig = Bring(u);
        // From a known start: on mains, not charging (the Tripp Lite recording ends on battery, the Eaton charging).
        SetBit(rig, u, "ACPresent", 1);
        SetBit(rig, u, "Charging", 0);
        SetBit(rig, u, "Discharging", 0);
        rig.Update();
        Assert.Equal("OL", rig.Status);

        // Mains lost: on battery, discharging.
        SetBit(rig, u, "ACPresent", 0);
        SetBit(rig, u, "Discharging", 1);
        SetBit(rig, u, "Charging", 0);
        rig.Update();
        Assert.Equal("OB DISCHRG", rig.Status);

        // Battery low.
        SetBit(rig, u, "BelowRemainingCapacityLimit", 1);
        rig.Update();
        Assert.Equal("OB DISCHRG LB", rig.Status);

        // Mains back, recharging.
        SetBit(rig, u, "BelowRemainingCapacityLimit", 0);
        SetBit(rig, u, "ACPresent", 1);
        SetBit(rig, u, "Discharging", 0);
        SetBit(rig, u, "Charging", 1);
        SetBit(rig, u, "FullyCharged", 0);
        rig.Update();
        Assert.Equal("OL CHRG", rig.Status);

        // Battery needs replacing: RB, and the alarm at the next full poll (ALARM joins ups.status with it).
        // CyberPower's 6-bit status has no NeedReplacement.
        SetBit(rig, u, "Charging", 0);
        if (SetBit(rig, u, "NeedReplacement", 1))
        {
            rig.Update(30);
            Assert.Equal("ALARM OL RB", rig.Status);
            Assert.Equal("Replace battery!", rig.Var("ups.alarm"));
            SetBit(rig, u, "NeedReplacement", 0);
        }

        // Overload (CyberPower keeps it under UPS.Output, Tripp Lite under PowerConverter).
        bool over = false;
        foreach (var prefix in u.StatusPrefixes.Append(u.OverloadPrefix).Distinct())
            over |= TrySet(rig, prefix + ".Overload", 1); // APC keeps two copies: both say so
        Assert.True(over, $"{model}: no Overload field");
        rig.Update(30);
        Assert.Equal("OL OVER", rig.Status);
        Assert.Null(rig.Var("ups.alarm"));
    }

    [Fact]
    public void OnlineDischargingIsOlUnlessTheOptionsSayOtherwise()
    {
        var u = Units[1];
        foreach (var (options, expected) in new (Dictionary<string, string>?, string)[]
        {
            (null, "OL DISCHRG"),
            (new() { ["onlinedischarge"] = "" }, "OB DISCHRG"),
            (new() { ["onlinedischarge_calibration"] = "" }, "OL DISCHRG CAL"),
        })
        {
            using var rig = new HidDriverRig(u.Model, options: options).Start();
            rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Discharging", 1);
            rig.Update();
            Assert.Equal(expected, rig.Status);
        }
    }

    [Fact]
    public void InterruptReportsAreAppliedWithoutWaitingForAPoll()
    {
        // pollfreq far away and the clock not moved: only the interrupt pipe can carry the change.
        using var rig = new HidDriverRig("cyberpower-cp1500pfclcd", options: new() { ["pollfreq"] = "3600" }).Start();
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", 0);
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Discharging", 1);
        rig.Device.SetValue("UPS.PowerSummary.RemainingCapacity", 57);
        rig.Driver.UpdateInfo(rig.Host);
        Assert.Equal("OB DISCHRG", rig.Status);
        Assert.Equal("57", rig.Var("battery.charge"));
    }

    [Fact]
    public void ApcStatusFlagZeroMeansOff()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2").Start();
        rig.Device.SetValue("UPS.PowerSummary.APCStatusFlag", 0);
        rig.Update();
        Assert.Equal("OL OFF", rig.Status);
        rig.Device.SetValue("UPS.PowerSummary.APCStatusFlag", 16);
        rig.Update();
        Assert.Equal("OL", rig.Status);
    }
}
