using System.Text.RegularExpressions;

namespace Nut.Drivers.Usb;

/// <summary>
/// NUT's regex matcher for USB devices (ups.conf <c>vendorid</c>, <c>productid</c>, <c>vendor</c>, <c>product</c>,
/// <c>serial</c>, <c>bus</c>, <c>device</c>, <c>busport</c>): each given option is an extended regular expression,
/// case-insensitive, that must match the whole value (IDs as four lower-case hex digits; strings with leading and
/// trailing blanks removed; a missing string counts as empty). Options not given match anything.
/// </summary>
public sealed class UsbMatcher
{
    /// <summary>The option names in NUT's order (its regex_array).</summary>
    public static readonly string[] OptionNames = ["vendorid", "productid", "vendor", "product", "serial", "bus", "device", "busport"];

    readonly Regex?[] _regex = new Regex?[OptionNames.Length];

    UsbMatcher() { }

    /// <summary>
    /// Compiles the options given (<paramref name="get"/> returns null for an absent one). On a bad expression
    /// returns null and names the option's value in <paramref name="invalid"/>.
    /// </summary>
    public static UsbMatcher? Create(Func<string, string?> get, out string? invalid)
    {
        var m = new UsbMatcher();
        invalid = null;
        for (int i = 0; i < OptionNames.Length; i++)
        {
            string? pattern = get(OptionNames[i]);
            if (pattern is null)
                continue;
            try
            {
                // Anchored: NUT accepts a device only when the match spans the whole value.
                m._regex[i] = new Regex("^(?:" + pattern + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                invalid = pattern;
                return null;
            }
        }
        return m;
    }

    public bool Matches(UsbDeviceInfo d)
    {
        string?[] values = [d.VendorId.ToString("x4"), d.ProductId.ToString("x4"), d.Vendor, d.Product, d.Serial, d.Bus, d.Device, d.BusPort];
        for (int i = 0; i < _regex.Length; i++)
            if (_regex[i] is { } r && !r.IsMatch((values[i] ?? "").Trim(' ', '\t', '\n')))
                return false;
        return true;
    }

    /// <summary>NUT's exact matcher for re-opening the same device after an unplug: same IDs, strings and bus.</summary>
    public static bool SameDevice(UsbDeviceInfo a, UsbDeviceInfo b) =>
        a.VendorId == b.VendorId && a.ProductId == b.ProductId && a.Vendor == b.Vendor && a.Product == b.Product
        && a.Serial == b.Serial && a.Bus == b.Bus;
}
