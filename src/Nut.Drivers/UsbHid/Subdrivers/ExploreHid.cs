using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// NUT's explore subdriver ("EXPLORE HID 0.2"): takes any device when the <c>explore</c> flag is set (NUT insists
/// on <c>vendorid</c> too), and publishes every readable feature path as is, for diagnosing unsupported units.
/// </summary>
public sealed class ExploreHid : HidSubdriver
{
    public override string Name => "EXPLORE HID 0.2";

    /// <summary>Set by the driver from the <c>explore</c> flag.</summary>
    public bool Enabled { get; init; }

    public override HidClaim Claim(UsbDeviceInfo d) => Enabled ? HidClaim.Supported : HidClaim.No;

    public override IReadOnlyList<HidInfo> Table => [];

    /// <summary>Explore publishes the paths themselves (the driver builds those entries from the descriptor).</summary>
    public static bool PublishesPaths => true;
}
