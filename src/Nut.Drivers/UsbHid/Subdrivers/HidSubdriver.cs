using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>How a subdriver answers for a device: its ID is known, only its vendor is known, or not at all.</summary>
public enum HidClaim { No, PossiblySupported, Supported }

/// <summary>
/// A vendor subdriver of usbhid-ups (NUT's subdriver_t): which devices it takes, the vendor usage names, the
/// usage-path table, and the vendor quirks (descriptor fixes, value scaling, model strings). One instance per
/// driver run, so quirks that learn from the first readings (CyberPower's battery voltage) keep their state here.
/// </summary>
public abstract class HidSubdriver
{
    /// <summary>"APC HID 0.98": NUT prints this in driver.version.data and "Using subdriver: ...".</summary>
    public abstract string Name { get; }

    /// <summary>Whether this subdriver takes the device (by vendor and product ID, as NUT).</summary>
    public abstract HidClaim Claim(UsbDeviceInfo device);

    /// <summary>
    /// The vendor named in the "not (or perhaps not yet) supported" notice for a known vendor's unknown product;
    /// null when such a product is refused silently unless <c>productid</c> is given (HP and Dell make many
    /// non-UPS USB devices).
    /// </summary>
    public virtual string? NoticeVendor(UsbDeviceInfo device) => Name.Split(' ')[0];

    /// <summary>Vendor usage names this subdriver adds to the standard pages.</summary>
    public virtual IEnumerable<(string Name, uint Usage)> VendorUsages => [];

    /// <summary>The usage-path table, in order of preference.</summary>
    public abstract IReadOnlyList<HidInfo> Table { get; }

    /// <summary>Whether a table entry applies to this device (MGE's battery-voltage trust list).</summary>
    public virtual bool Accepts(UsbDeviceInfo device, HidInfo entry) => true;

    /// <summary>Corrects known descriptor bugs before anything is read (CyberPower voltage ranges).</summary>
    public virtual IReadOnlyList<HidField> FixDescriptor(UsbDeviceInfo device, IReadOnlyList<HidField> fields, HidUsageTable usages, bool disabled) => fields;

    /// <summary>ups.mfr from the USB strings (null = none).</summary>
    public virtual string? FormatManufacturer(UsbDeviceInfo device) => Clean(device.Vendor);

    /// <summary>ups.model from the USB strings.</summary>
    public virtual string? FormatModel(UsbDeviceInfo device) => Clean(device.Product);

    /// <summary>ups.serial from the USB strings.</summary>
    public virtual string? FormatSerial(UsbDeviceInfo device) => Clean(device.Serial);

    /// <summary>Extra variables derived from the model string (APC's firmware).</summary>
    public virtual IEnumerable<(string Name, string Value)> ModelExtras(UsbDeviceInfo device) => [];

    /// <summary>Whether the interrupt pipe is used by default (APC 0x0003 has it disabled).</summary>
    public virtual bool UsesInterruptPipe(UsbDeviceInfo device) => true;

    /// <summary>
    /// A hook on every numeric value before it is formatted: vendor scale fixes that depend on the variable and
    /// the product (Tripp Lite battery scale, CyberPower frequency). Returns the value to publish.
    /// </summary>
    public virtual double AdjustValue(UsbDeviceInfo device, HidInfo entry, double value) => value;

    protected static string? Clean(string? s)
    {
        if (s is null) return null;
        s = s.Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>NUT's is_usb_device_supported: the (vendor, product) table, with "possibly" for a known vendor.</summary>
    protected static HidClaim ByIds(UsbDeviceInfo d, (ushort Vendor, ushort Product)[] ids)
    {
        bool vendorKnown = false;
        foreach (var (v, p) in ids)
        {
            if (v != d.VendorId) continue;
            vendorKnown = true;
            if (p == d.ProductId) return HidClaim.Supported;
        }
        return vendorKnown ? HidClaim.PossiblySupported : HidClaim.No;
    }
}
