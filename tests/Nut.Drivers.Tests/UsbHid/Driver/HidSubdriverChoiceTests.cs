using System.Globalization;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Subdrivers;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// Subdriver choice checked against real data: every ddl dump written by usbhid-ups that has ups.vendorid,
/// ups.productid and driver.version.data must be taken by our subdriver of the same name as NUT's (names compared
/// without the version: the dumps span NUT 2.2 to 2.8.2). A dump whose NUT ran with the <c>productid</c> option
/// (driver.parameter.productid) is chosen as NUT does then: a known vendor's unknown product is taken. A difference
/// passes only when it is one of the known history cases below (a subdriver renamed or split since the dump's NUT,
/// an ID moved between subdrivers); each is printed with its reason.
/// </summary>
public sealed class HidSubdriverChoiceTests(ITestOutputHelper output)
{
    static readonly string DdlRoot = Path.Combine(Paths.TestData, "ddl");

    /// <summary>One dump's identity: file, IDs, USB strings as published, and NUT's subdriver name.</summary>
    public sealed record Dump(string File, ushort Vendor, ushort Product, string? Mfr, string? Model, string NutSubdriver,
        string NutVersion, bool ProductIdGiven);

    /// <summary>"TrippLite HID 0.2 (experimental)" -> "TrippLite": the name without " HID" and the version.</summary>
    public static string BaseName(string versionData)
    {
        int i = versionData.IndexOf(" HID", StringComparison.Ordinal);
        return (i < 0 ? versionData : versionData[..i]).Trim();
    }

    static Dictionary<string, string> ReadDump(string path)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#')) continue;
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) continue;
            vars.TryAdd(line[..colon].Trim(), line[(colon + 2)..].Trim());
        }
        return vars;
    }

    static ushort? Hex(string? s) =>
        s is not null && ushort.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort v) ? v : null;

    /// <summary>All usbhid-ups dumps, and how many of them lack the IDs or the subdriver name.</summary>
    public static (List<Dump> Usable, List<string> Unusable) LoadDumps()
    {
        var usable = new List<Dump>();
        var unusable = new List<string>();
        foreach (var file in Directory.EnumerateFiles(DdlRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // The same selection as `grep -rl "driver.name: usbhid-ups"` (one dump has that line glued to another).
            if (!File.ReadAllText(file).Contains("driver.name: usbhid-ups", StringComparison.Ordinal)) continue;
            var vars = ReadDump(file);
            string rel = Path.GetRelativePath(DdlRoot, file);
            ushort? vid = Hex(vars.GetValueOrDefault("ups.vendorid")), pid = Hex(vars.GetValueOrDefault("ups.productid"));
            string? data = vars.GetValueOrDefault("driver.version.data");
            if (vid is null || pid is null || string.IsNullOrWhiteSpace(data))
            {
                unusable.Add($"{rel}: ups.vendorid={vars.GetValueOrDefault("ups.vendorid") ?? "-"} ups.productid={vars.GetValueOrDefault("ups.productid") ?? "-"} driver.version.data={data ?? "-"}");
                continue;
            }
            usable.Add(new Dump(rel, vid.Value, pid.Value, vars.GetValueOrDefault("ups.mfr"), vars.GetValueOrDefault("ups.model"),
                data, vars.GetValueOrDefault("driver.version") ?? "?", vars.ContainsKey("driver.parameter.productid")));
        }
        return (usable, unusable);
    }

    /// <summary>Why NUT's (older) choice differs from 2.8.0's, or null when nothing explains it.</summary>
    public static string? Explain(Dump d, string ours)
    {
        string theirs = BaseName(d.NutSubdriver);
        return (theirs, ours, d.Vendor) switch
        {
            ("APC/CyberPower", "APC" or "CyberPower", _) =>
                "NUT 2.2's combined 'APC/CyberPower HID' subdriver was later split into apc-hid and cps-hid",
            ("Belkin", "Belkin/Liebert", _) =>
                "belkin-hid (Belkin 050d and Liebert 10af units) was renamed 'Belkin/Liebert HID' in NUT 2.7.3/2.7.4",
            ("Liebert" or "LiebertPSP", "Belkin/Liebert", 0x10AF) =>
                "this older NUT build ran the 10af unit under a Liebert-named subdriver; in 2.8.0 10af is belkin-hid's only",
            ("Liebert", "Phoenixtec/Liebert", 0x06DA) =>
                "liebert-hid (06da) was renamed 'Phoenixtec/Liebert HID'",
            ("MGE", "Phoenixtec/Liebert", 0x06DA) when d.Mfr?.Contains("AEG", StringComparison.Ordinal) != true =>
                "the dump's NUT let mge-hid take 06da:ffff; 2.8.0's mge_claim keeps only AEG-branded 06da units and leaves the rest to liebert-hid",
            ("MGE", "Salicru", 0x2E66) =>
                "the dump's 2.7.4 build ran this Salicru (Phoenixtec-made) unit under mge-hid; 2.8.0 has salicru-hid with 2e66:0201",
            _ => null,
        };
    }

    static UsbDeviceInfo Device(Dump d) => new(d.Vendor, d.Product, d.Mfr, d.Model, null, "001", "002");

    [Fact]
    public void OurSubdriverChoiceMatchesNutsOnEveryRealDump()
    {
        var (dumps, unusable) = LoadDumps();
        int same = 0;
        var explained = new List<string>();
        var unexplained = new List<string>();
        foreach (var d in dumps)
        {
            var chosen = HidSubdrivers.Choose(HidSubdrivers.Create(false), Device(d), d.ProductIdGiven, forced: null);
            string ours = chosen is null ? "(none)" : BaseName(chosen.Name);
            if (ours == BaseName(d.NutSubdriver))
            {
                same++;
                continue;
            }
            string line = $"{d.File} [{d.Vendor:x4}:{d.Product:x4}, NUT {d.NutVersion}]: NUT chose '{d.NutSubdriver}', we choose '{chosen?.Name ?? "(none)"}'";
            if (Explain(d, ours) is { } why && d.NutVersion != "2.8.0")
                explained.Add($"{line} - {why}");
            else
                unexplained.Add(line);
        }
        output.WriteLine($"usbhid-ups dumps: {dumps.Count + unusable.Count}; with IDs and subdriver name: {dumps.Count}; "
            + $"same subdriver: {same}; explained differences: {explained.Count}; unexplained: {unexplained.Count}");
        foreach (var u in unusable) output.WriteLine($"  not checked (missing data): {u}");
        foreach (var e in explained) output.WriteLine($"  explained: {e}");
        foreach (var u in unexplained) output.WriteLine($"  UNEXPLAINED: {u}");

        Assert.True(dumps.Count + unusable.Count >= 227, $"expected the 227 usbhid-ups dumps, found {dumps.Count + unusable.Count}");
        // History explains only dumps of other NUT releases: every dump of NUT 2.8.0 itself must agree outright.
        Assert.Empty(unexplained);
        Assert.Contains(dumps, d => d.NutVersion == "2.8.0");
    }

    [Fact]
    public void NutsOrderAndClaimRules()
    {
        // NUT 2.8.0 tries mge-hid first: 06da:ffff goes to it only for AEG-branded units.
        Assert.Equal("MGE HID 1.46", Choose(0x06DA, 0xFFFF, vendor: "AEG POWER SOLUTIONS")?.Name);
        Assert.Equal("Phoenixtec/Liebert HID 0.41", Choose(0x06DA, 0xFFFF, vendor: "PPC")?.Name);
        // 05dd:a011 is a Tripp Lite protocol under Delta's vendor ID; 05dd:041b is Delta's own.
        Assert.Equal("TrippLite HID 0.84", Choose(0x05DD, 0xA011)?.Name);
        Assert.Equal("Delta UPS HID 0.6", Choose(0x05DD, 0x041B)?.Name);
        Assert.Equal("Ever HID 0.1", Choose(0x0483, 0xA113)?.Name);
        Assert.Equal("CyberPower HID 0.6", Choose(0x0483, 0xA430)?.Name);
        Assert.Equal("Belkin/Liebert HID 0.18", Choose(0x10AF, 0x0008)?.Name);
        Assert.Equal("Arduino HID 0.2", Choose(0x2A03, 0x8040)?.Name);
        Assert.Equal("openUPS HID 0.5", Choose(0x04D8, 0xD005)?.Name);
        Assert.Equal("Powervar HID 0.20", Choose(0x4234, 0x0002)?.Name);
        Assert.Equal("iDowell HID 0.2", Choose(0x075D, 0x0300)?.Name);
        Assert.Equal("Legrand HID 0.2", Choose(0x1CB0, 0x0038)?.Name);
        Assert.Equal("TrippLite HID 0.84", Choose(0x03F0, 0x1F0A)?.Name);

        // Unknown products of a known vendor: a notice naming the vendor as NUT does, or none for HP and Dell.
        var notices = new List<string>();
        Assert.Null(Choose(0x0463, 0x1234, notices: notices));
        Assert.Null(Choose(0x03F0, 0x1234, notices: notices));
        Assert.Null(Choose(0x047C, 0x1234, notices: notices));
        Assert.Null(Choose(0x10AF, 0x0099, notices: notices));
        Assert.Null(Choose(0x050D, 0x0218, notices: notices)); // Belkin's USB hub: refused outright
        Assert.Equal(2, notices.Count);
        Assert.StartsWith("This Eaton / MGE device (0463:1234) is not (or perhaps not yet) supported", notices[0]);
        Assert.StartsWith("This Liebert device (10af:0099) is not (or perhaps not yet) supported", notices[1]);
        Assert.Equal("MGE HID 1.46", HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x03F0, 0x1234, null), true, null)?.Name);
        // PowerCOM 0d9f:0002 is the serial protocol: never usbhid-ups's, even with productid.
        Assert.Null(HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x0D9F, 0x0002, null), true, null));
    }

    static UsbDeviceInfo Dev(ushort vid, ushort pid, string? vendor) => new(vid, pid, vendor, null, null, "001", "002");

    static HidSubdriver? Choose(ushort vid, ushort pid, string? vendor = null, List<string>? notices = null) =>
        HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(vid, pid, vendor), false, null, notices is null ? null : notices.Add);
}
