namespace Nut.Tools.Check;

/// <summary>Driver names ups.conf may give: ours (from the drivers' program table, as <c>nut --list</c> shows them)
/// and NUT's own (a NUT driver works with our upsd, so naming one is not a mistake — only worth a word).</summary>
public static class KnownDrivers
{
    public static bool IsOurs(string name) => global::Nut.Drivers.Programs.All.Any(p => p.Name == name && p.Name is not ("upsdrvctl" or "nut-scanner"));

    /// <summary>The driver programs NUT 2.8 ships (names only).</summary>
    public static readonly IReadOnlySet<string> NutNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "adelsystem_cbi", "al175", "apc_modbus", "apcsmart", "apcsmart-old", "apcupsd-ups", "asem", "bcmxcp",
        "bcmxcp_usb", "belkin", "belkinunv", "bestfcom", "bestfortress", "bestuferrups", "bestups", "blazer_ser",
        "blazer_usb", "clone", "clone-outlet", "dummy-ups", "etapro", "everups", "gamatronic", "generic_gpio",
        "generic_modbus", "genericups", "hidtest", "huawei-ups2000", "isbmex", "ivtscd", "liebert", "liebert-esp2",
        "liebert-gxe", "macosx-ups", "masterguard", "metasys", "mge-shut", "mge-utalk", "microdowell", "microsol-apc",
        "netxml-ups", "nhs_ser", "nut-ipmipsu", "nutdrv_atcl_usb", "nutdrv_hashx", "nutdrv_qx", "nutdrv_siemens_sitop",
        "oneac", "optiups", "phoenixcontact_modbus", "pijuice", "powercom", "powerman-pdu", "powerpanel", "rhino",
        "richcomm_usb", "riello_ser", "riello_usb", "safenet", "skel", "snmp-ups", "socomec_jbus", "solis",
        "tripplite", "tripplite_usb", "tripplitesu", "upscode2", "usbhid-ups", "ve-direct", "victronups",
    };
}
