using Nut.Drivers.UsbHid.Subdrivers;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// The smaller vendors' descriptors in testdata/hid driven through their own subdrivers: power events set on the
/// simulator reach ups.status through each subdriver's table (Liebert PSI5 through Belkin/Liebert, the PowerWalker
/// VI 3000 RT through Phoenixtec/Liebert, the Salicru SLC TWIN PRO2 through Salicru), plus each subdriver's
/// vendor-specific mapping checked on a descriptor that has it.
/// </summary>
public sealed class HidSmallVendorTests
{
    /// <summary>A descriptor, the IDs it is run under, the options it needs, and the subdriver that must take it.</summary>
    public sealed record Unit(string Model, string Header, string Subdriver, bool MapsOverload, Dictionary<string, string>? Options = null);

    public static readonly Unit[] Units =
    [
        // 10af:0002 came to belkin-hid's table after 2.8.0: with 2.8.0's tables it needs productid, as NUT's notice says.
        new("liebert-psi5", "Liebert PSI5 (10af:0002)", "Belkin/Liebert HID 0.18", MapsOverload: false,
            new() { ["productid"] = "0002" }),
        new("powerwalker-vi-3000-rt", "PowerWalker VI 3000 RT HID (06da:ffff)", "Phoenixtec/Liebert HID 0.41", MapsOverload: true),
        new("salicru-slc-twin-pro2-3kva", "Salicru SLC TWIN PRO2 (2e66:0201)", "Salicru HID 0.3", MapsOverload: true),
    ];

    public static TheoryData<string> Models => new(Units.Select(u => u.Model));

    const string Ps = "UPS.PowerSummary.PresentStatus.";

    static HidDriverRig Bring(Unit u)
    {
        var rig = new HidDriverRig(u.Model, options: u.Options, header: u.Header);
        rig.Device.SetValue("UPS.PowerSummary.RemainingCapacity", 100);
        rig.Device.SetValue(Ps + "ACPresent", 1);
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
            return false; // the descriptor has no such field
        }
    }

    static void Set(HidDriverRig rig, int ac, int charging, int discharging, int low)
    {
        rig.Device.SetValue(Ps + "ACPresent", ac);
        rig.Device.SetValue(Ps + "Charging", charging);
        rig.Device.SetValue(Ps + "Discharging", discharging);
        rig.Device.SetValue(Ps + "BelowRemainingCapacityLimit", low);
        rig.Update();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PowerEventsDriveUpsStatusThroughTheVendorSubdriver(string model)
    {
        var u = Units.Single(x => x.Model == model);
        using var rig = Bring(u);
        Assert.Equal(u.Subdriver, rig.Var("driver.version.data"));
        Assert.Equal("100", rig.Var("battery.charge"));

        Set(rig, ac: 1, charging: 0, discharging: 0, low: 0);
        Assert.Equal("OL", rig.Status);
        Set(rig, ac: 0, charging: 0, discharging: 1, low: 0);
        Assert.Equal("OB DISCHRG", rig.Status);
        Set(rig, ac: 0, charging: 0, discharging: 1, low: 1);
        Assert.Equal("OB DISCHRG LB", rig.Status);
        Set(rig, ac: 1, charging: 1, discharging: 0, low: 0);
        Assert.Equal("OL CHRG", rig.Status);

        // PresentStatus.Overload: Phoenixtec and Salicru map it (the PSI5 descriptor has no such field).
        bool hasOverload = TrySet(rig, Ps + "Overload", 1);
        Assert.Equal(u.MapsOverload, hasOverload);
        if (hasOverload)
        {
            Set(rig, ac: 1, charging: 0, discharging: 0, low: 0);
            Assert.Equal("OL OVER", rig.Status);
        }
    }

    // Both descriptors are Phoenixtec designs with the PowerConverter layout; each subdriver maps it its own way.
    static HidDriverRig BringWithLine(Unit u)
    {
        var rig = new HidDriverRig(u.Model, options: u.Options, header: u.Header);
        rig.Device.SetValue("UPS.PowerConverter.Input.[1].Voltage", 229);
        rig.Device.SetValue("UPS.PowerConverter.Input.[1].Frequency", 50);
        rig.Device.SetValue("UPS.PowerConverter.Output.Voltage", 230);
        rig.Device.SetValue("UPS.PowerConverter.Output.Frequency", 50);
        rig.Device.SetValue(Ps + "ACPresent", 1);
        return rig.Start();
    }

    [Fact]
    public void PhoenixtecSubdriverPublishesItsMappings()
    {
        using var rig = BringWithLine(Units[1]);
        Assert.Equal("230.0", rig.Var("output.voltage"));
        Assert.Equal("50.00", rig.Var("output.frequency")); // Phoenixtec's table prints two decimals
        Assert.Equal("229.0", rig.Var("input.voltage"));
        Assert.Equal("50.00", rig.Var("input.frequency"));
        Assert.Equal("Liebert", rig.Var("ups.mfr")); // no manufacturer string on the simulated unit: NUT's default
    }

    [Fact]
    public void SalicruSubdriverPublishesItsMappings()
    {
        using var rig = BringWithLine(Units[2]);
        Assert.Equal("Salicru", rig.Var("ups.mfr"));
        Assert.Equal("229.0", rig.Var("input.voltage"));
        Assert.Equal("50.0", rig.Var("input.frequency"));
        Assert.Equal("230.0", rig.Var("output.voltage"));
    }

    [Fact]
    public void EverySmallSubdriverHasNutsIdsAndATable()
    {
        // One device of each, from NUT 2.8.0's tables, is taken by the subdriver of that name, whose table is not
        // the old shared stand-in.
        (ushort, ushort, string)[] ids =
        [
            (0x050D, 0x0F51, "Belkin/Liebert HID 0.18"), (0x06DA, 0xFFFF, "Phoenixtec/Liebert HID 0.41"),
            (0x0D9F, 0x00A6, "PowerCOM HID 0.6"), (0x05DD, 0x041B, "Delta UPS HID 0.6"), (0x2E51, 0xFFFF, "Ever HID 0.1"),
            (0x04D8, 0xD004, "openUPS HID 0.5"), (0x2E66, 0x0300, "Salicru HID 0.3"), (0x1CB0, 0x0032, "Legrand HID 0.2"),
            (0x4234, 0x0002, "Powervar HID 0.20"), (0x075D, 0x0300, "iDowell HID 0.2"), (0x2341, 0x8036, "Arduino HID 0.2"),
        ];
        var distinctTables = new HashSet<string>();
        foreach (var (vid, pid, name) in ids)
        {
            var s = HidSubdrivers.Choose(HidSubdrivers.Create(false), new(vid, pid, null, null, null, "001", "002"), false, null);
            Assert.Equal(name, s?.Name);
            Assert.NotEmpty(s!.Table);
            distinctTables.Add(string.Join("|", s.Table.Select(e => e.Name + "=" + e.Path)));
        }
        Assert.Equal(ids.Length, distinctTables.Count);
    }
}
