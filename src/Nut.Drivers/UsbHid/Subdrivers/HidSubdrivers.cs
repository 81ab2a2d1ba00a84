using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>The subdrivers in NUT 2.8.0's order of trial (subdriver_list in usbhid-ups.c).</summary>
public static class HidSubdrivers
{
    /// <summary>A fresh set of subdrivers for one driver run (quirk state is per run).</summary>
    public static List<HidSubdriver> Create(bool explore) =>
    [
        new ExploreHid { Enabled = explore },
        new ApcHid(),
        new GenericVendorHid("Belkin/Liebert HID 0.18",
        [
            (0x050D, 0x0375), (0x050D, 0x0551), (0x050D, 0x0750), (0x050D, 0x0751), (0x050D, 0x0900),
            (0x050D, 0x0910), (0x050D, 0x0912), (0x050D, 0x0980), (0x050D, 0x1100),
            (0x10AF, 0x0001), (0x10AF, 0x0002), (0x10AF, 0x0004), (0x10AF, 0x0008),
        ], "Belkin"),
        new CpsHid(),
        new MgeHid(),
        new GenericVendorHid("Phoenixtec/Liebert HID 0.41", [(0x06DA, 0xFFFF), (0x10AF, 0x0000)], "Phoenixtec Power Co., Ltd"),
        new GenericVendorHid("PowerCOM HID 0.6",
        [
            (0x0D9F, 0x0001), (0x0D9F, 0x0004), (0x0D9F, 0x00A2), (0x0D9F, 0x00A3), (0x0D9F, 0x00A4),
            (0x0D9F, 0x00A5), (0x0D9F, 0x00A6),
        ], "PowerCOM"),
        new TrippLiteHid(),
        new GenericVendorHid("iDowell HID 0.2", [(0x075D, 0x0300)], "iDowell"),
        new GenericVendorHid("openUPS HID 0.5", [(0x04D8, 0xD004), (0x04D8, 0xD005)], "Minibox"),
        new GenericVendorHid("Powervar HID 0.20", [(0x4234, 0x0002)], "PowerVar"),
        new GenericVendorHid("Delta UPS HID 0.6", [(0x05DD, 0xA011), (0x05DD, 0x041B)], "Delta"),
        new GenericVendorHid("Ever HID 0.1", [(0x2E51, 0x0000), (0x2E51, 0xFFFF)], "Ever"),
        new GenericVendorHid("Legrand HID 0.2", [(0x1CB0, 0x0032), (0x1CB0, 0x0038)], "Legrand"),
        new GenericVendorHid("Salicru HID 0.3",
            [(0x2E66, 0x0101), (0x2E66, 0x0201), (0x2E66, 0x0202), (0x2E66, 0x0203), (0x2E66, 0x0300)], "Salicru"),
        new GenericVendorHid("Arduino HID 0.2", [(0x2341, 0x0036), (0x2341, 0x8036), (0x2A03, 0x0036), (0x2A03, 0x0040), (0x2A03, 0x8036), (0x2A03, 0x8040)], "Arduino"),
    ];

    /// <summary>
    /// NUT's choice: the first subdriver that knows the (vendor, product) pair; a known vendor with an unknown
    /// product is taken only when the user gave <c>productid</c>, else NUT prints its "perhaps not yet
    /// supported" notice and looks further. <paramref name="forced"/> (the <c>subdriver</c> option) limits the
    /// candidates to names it matches.
    /// </summary>
    public static HidSubdriver? Choose(IEnumerable<HidSubdriver> all, UsbDeviceInfo d, bool productIdGiven,
        System.Text.RegularExpressions.Regex? forced, Action<string>? notice = null)
    {
        foreach (var s in all)
        {
            if (forced is not null && !forced.IsMatch(s.Name))
                continue;
            // A forced subdriver takes the device whatever its IDs (NUT 2.8.1+ behaviour; ours documents it).
            if (forced is not null && s is not ExploreHid)
                return s;
            switch (s.Claim(d))
            {
                case HidClaim.Supported:
                    return s;
                case HidClaim.PossiblySupported when productIdGiven:
                    return s;
                case HidClaim.PossiblySupported:
                    notice?.Invoke(PossiblySupportedText(s, d));
                    break;
            }
        }
        return null;
    }

    static string PossiblySupportedText(HidSubdriver s, UsbDeviceInfo d)
    {
        string vendor = s.Name.Split(' ')[0];
        return $"This {vendor} device ({d.VendorId:x4}:{d.ProductId:x4}) is not (or perhaps not yet) supported\n"
            + "by usbhid-ups. Please make sure you have an up-to-date version of NUT. If\n"
            + "this does not fix the problem, try running the driver with the\n"
            + $"'-x productid={d.ProductId:x4}' option. Please report your results to the NUT user's\n"
            + "mailing list <nut-upsuser@lists.alioth.debian.org>.";
    }
}
