using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>The subdrivers in NUT 2.8.0's order of trial (subdriver_list in usbhid-ups.c).</summary>
public static class HidSubdrivers
{
    /// <summary>A fresh set of subdrivers for one driver run (quirk state is per run).</summary>
    public static List<HidSubdriver> Create(bool explore) =>
    [
        new ExploreHid { Enabled = explore },
        new MgeHid(),
        new ApcHid(),
        new ArduinoHid(),
        new BelkinHid(),
        new CpsHid(),
        new DeltaUpsHid(),
        new EverHid(),
        new IdowellHid(),
        new LegrandHid(),
        new LiebertHid(),
        new OpenUpsHid(),
        new PowercomHid(),
        new PowervarHid(),
        new SalicruHid(),
        new TrippLiteHid(),
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
                case HidClaim.PossiblySupported when s.NoticeVendor(d) is { } vendor:
                    notice?.Invoke(PossiblySupportedText(vendor, d));
                    break;
            }
        }
        return null;
    }

    static string PossiblySupportedText(string vendor, UsbDeviceInfo d)
    {
        return $"This {vendor} device ({d.VendorId:x4}:{d.ProductId:x4}) is not (or perhaps not yet) supported\n"
            + "by usbhid-ups. Please make sure you have an up-to-date version of NUT. If\n"
            + "this does not fix the problem, try running the driver with the\n"
            + $"'-x productid={d.ProductId:x4}' option. Please report your results to the NUT user's\n"
            + "mailing list <nut-upsuser@lists.alioth.debian.org>.";
    }
}
