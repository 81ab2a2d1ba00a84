namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// The USB subdrivers by name (<c>subdriver=</c>) and the VID:PID table that picks one automatically — NUT
/// 2.8.0's tables for nutdrv_qx and for the older blazer_usb, in their order (the first matching row wins, so the
/// vendor/product strings of a row only narrow it; snr shares hunnox's row and is never picked automatically).
/// </summary>
public static class QxUsbSubdrivers
{
    /// <summary>One row of the automatic choice: IDs, optional exact (case-insensitive) strings, the subdriver.</summary>
    public sealed record Row(ushort VendorId, ushort ProductId, string? Vendor, string? Product, IQxUsbSubdriver Subdriver, string Comment);

    /// <summary>nutdrv_qx's subdrivers in NUT 2.8.0's order, which is also the order `-h` lists them in.</summary>
    public static IReadOnlyList<IQxUsbSubdriver> NutdrvQxNames { get; } =
    [
        CypressSubdriver.Cypress, new PhoenixtecSubdriver(), CypressSubdriver.Phoenix, new IpponSubdriver(),
        KraulerSubdriver.Krauler, FabulaSubdriver.Fabula, FabulaSubdriver.Hunnox, new FujiSubdriver(),
        new SgsSubdriver(), KraulerSubdriver.Snr, new AblerexSubdriver(), new ArmacSubdriver(),
    ];

    public static IReadOnlyList<IQxUsbSubdriver> BlazerUsbNames { get; } =
        [CypressSubdriver.Cypress, CypressSubdriver.Phoenix, new IpponSubdriver(), KraulerSubdriver.Krauler];

    /// <summary>
    /// nutdrv_qx's table. 06da:0002 is two rows: the Masterguard A's strings pick phoenixtec, any other such device
    /// cypress. ffff:0000 is ablerex here but krauler in blazer_usb's table (NUT moved it in nutdrv_qx only).
    /// </summary>
    public static IReadOnlyList<Row> NutdrvQxTable { get; } =
    [
        new(0x05b8, 0x0000, null, null, CypressSubdriver.Cypress, "Agiler UPS"),
        new(0xffff, 0x0000, null, null, new AblerexSubdriver(), "Ablerex 625L USB"),
        new(0x1cb0, 0x0035, null, null, KraulerSubdriver.Krauler, "Legrand Daker DK / DK Plus"),
        new(0x0665, 0x5161, null, null, CypressSubdriver.Cypress, "Belkin F6C1200-UNV/Voltronic Power UPSes"),
        new(0x06da, 0x0002, "Phoenixtec Power", "USB Cable (V2.00)", new PhoenixtecSubdriver(), "Masterguard A Series"),
        new(0x06da, 0x0002, null, null, CypressSubdriver.Cypress, "Online Yunto YQ450"),
        new(0x06da, 0x0003, null, null, new IpponSubdriver(), "Mustek Powermust"),
        new(0x06da, 0x0004, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova 3/1 T"),
        new(0x06da, 0x0005, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova RT"),
        new(0x06da, 0x0201, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova T"),
        new(0x06da, 0x0601, null, null, CypressSubdriver.Phoenix, "Online Zinto A"),
        new(0x0f03, 0x0001, null, null, CypressSubdriver.Cypress, "Unitek Alpha 1200Sx"),
        new(0x14f0, 0x00c9, null, null, CypressSubdriver.Phoenix, "GE EP series"),
        new(0x0483, 0x0035, null, null, new SgsSubdriver(), "TS Shara UPSes"),
        new(0x0001, 0x0000, "MEC", "MEC0003", FabulaSubdriver.Fabula, "Fideltronik/MEC LUPUS 500 USB"),
        new(0x0001, 0x0000, null, "MEC0003", FabulaSubdriver.Hunnox, "Hunnox HNX 850"),
        new(0x0001, 0x0000, "ATCL FOR UPS", "ATCL FOR UPS", new FujiSubdriver(), "Fuji UPSes"),
        new(0x0001, 0x0000, null, null, KraulerSubdriver.Krauler, "Krauler UP-M500VA"),
        new(0x0001, 0x0000, null, "MEC0003", KraulerSubdriver.Snr, "SNR-UPS-LID-XXXX UPSes"),
        new(0x0925, 0x1234, null, null, new ArmacSubdriver(), "Armac UPS"),
    ];

    public static IReadOnlyList<Row> BlazerUsbTable { get; } =
    [
        new(0x05b8, 0x0000, null, null, CypressSubdriver.Cypress, "Agiler UPS"),
        new(0x0001, 0x0000, null, null, KraulerSubdriver.Krauler, "Krauler UP-M500VA"),
        new(0xffff, 0x0000, null, null, KraulerSubdriver.Krauler, "Ablerex 625L USB"),
        new(0x0665, 0x5161, null, null, CypressSubdriver.Cypress, "Belkin F6C1200-UNV"),
        new(0x06da, 0x0002, null, null, CypressSubdriver.Cypress, "Online Yunto YQ450"),
        new(0x06da, 0x0003, null, null, new IpponSubdriver(), "Mustek Powermust"),
        new(0x06da, 0x0004, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova 3/1 T"),
        new(0x06da, 0x0005, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova RT"),
        new(0x06da, 0x0201, null, null, CypressSubdriver.Cypress, "Phoenixtec Innova T"),
        new(0x06da, 0x0601, null, null, CypressSubdriver.Phoenix, "Online Zinto A"),
        new(0x0f03, 0x0001, null, null, CypressSubdriver.Cypress, "Unitek Alpha 1200Sx"),
        new(0x14f0, 0x00c9, null, null, CypressSubdriver.Phoenix, "GE EP series"),
    ];

    /// <summary>The subdriver the table picks for a device, or null (not in the table).</summary>
    public static IQxUsbSubdriver? Choose(IReadOnlyList<Row> table, Nut.Drivers.Usb.UsbDeviceInfo device)
    {
        foreach (var row in table)
        {
            if (row.VendorId != device.VendorId || row.ProductId != device.ProductId)
                continue;
            if (row.Vendor is not null && !string.Equals(row.Vendor, device.Vendor, StringComparison.OrdinalIgnoreCase))
                continue;
            if (row.Product is not null && !string.Equals(row.Product, device.Product, StringComparison.OrdinalIgnoreCase))
                continue;
            return row.Subdriver;
        }
        return null;
    }

    /// <summary>The subdriver of that name (case-insensitive), or null.</summary>
    public static IQxUsbSubdriver? ByName(IReadOnlyList<IQxUsbSubdriver> names, string name) =>
        names.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The end of <c>-h</c> (NUT's upsdrv_help): the <c>subdriver=</c> names in table order, then the manual page.
    /// </summary>
    public static string HelpText(IReadOnlyList<IQxUsbSubdriver> names, string program) =>
        "\nAcceptable values for 'subdriver' via -x or ups.conf in this driver: "
        + string.Join(", ", names.Select(n => n.Name)) + "\n\n"
        + $"Read The Fine Manual ('man 8 {program}')\n";
}
