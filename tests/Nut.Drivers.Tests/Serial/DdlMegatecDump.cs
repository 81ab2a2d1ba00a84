using System.Globalization;
using System.Text;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// A NUT device dump (testdata/ddl, "name: value" lines) of a Megatec/Q1 UPS turned back into what the UPS said:
/// the Q1 status line, the F ratings and the I identity, in Megatec's fixed columns, so a
/// <see cref="MegatecSimulator"/> can replay the device. <see cref="Compared"/> lists the variables the replay must
/// reproduce; <see cref="Skipped"/> the ones of this dump that cannot be, each with the reason.
/// </summary>
public sealed class DdlMegatecDump
{
    public string File { get; }
    public IReadOnlyDictionary<string, string> Values { get; }
    public string Driver { get; }

    /// <summary>nutdrv_qx's protocol= to force (null for blazer, which finds megatec by itself).</summary>
    public string? Protocol { get; }

    public string Q1 { get; private set; } = "";
    public string? Ratings { get; private set; }
    public string? Identity { get; private set; }

    public List<string> Compared { get; } = [];

    /// <summary>The value NUT 2.8.0 publishes for a compared variable (the dump's, unless it records older behaviour).</summary>
    public Dictionary<string, string> Expected { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Skipped { get; } = new(StringComparer.Ordinal);

    DdlMegatecDump(string file, Dictionary<string, string> values, string driver, string? protocol)
    {
        File = file;
        Values = values;
        Driver = driver;
        Protocol = protocol;
    }

    /// <summary>The dump as a Megatec replay, or null (with the reason) when it is not a Megatec/Q1 device.</summary>
    public static DdlMegatecDump? Load(string file, out string? whyNot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in System.IO.File.ReadLines(file))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
                continue;
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            string value = line[(colon + 2)..];
            // Dumps carry remarks after the value ("OL\t#BAD: ...", "OL CAL #COMMENT: ...").
            int comment = value.IndexOf('#');
            if (comment > 0 && char.IsWhiteSpace(value[comment - 1]))
                value = value[..comment];
            values[line[..colon].Trim()] = value.Trim();
        }
        string? name = values.GetValueOrDefault("driver.name");
        string? data = values.GetValueOrDefault("driver.version.data");
        whyNot = null;
        DdlMegatecDump dump;
        switch (name)
        {
            case "blazer_ser" or "blazer_usb":
                dump = new DdlMegatecDump(file, values, "blazer_ser", null);
                break;
            case "nutdrv_qx" when data is not null && data.StartsWith("Megatec ", StringComparison.Ordinal):
                dump = new DdlMegatecDump(file, values, "nutdrv_qx", "megatec");
                break;
            case "nutdrv_qx" when data is not null && data.StartsWith("Q1 ", StringComparison.Ordinal):
                dump = new DdlMegatecDump(file, values, "nutdrv_qx", "q1");
                break;
            default:
                whyNot = $"{name} / {data ?? "no driver.version.data"}: not the Megatec/Q1 protocol";
                return null;
        }
        if (!values.ContainsKey("input.voltage") || !values.ContainsKey("ups.status"))
        {
            whyNot = "no input.voltage or ups.status: not a full dump";
            return null;
        }
        dump.Build();
        foreach (string compared in dump.Compared)
            dump.Expected[compared] = values[compared];
        // Older NUT versions (2.6/2.7 blazer) put ALARM in ups.status for some of these devices; NUT 2.8.0 does
        // not for the same answers (checked with Debian's blazer_ser on the Konig CMP1200's Q1 line).
        if (values["ups.status"].Split(' ').Contains("ALARM"))
        {
            dump.Expected["ups.status"] = string.Join(' ', values["ups.status"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "ALARM"));
            dump.Skipped["ups.status ALARM"] = "older NUT versions added ALARM; NUT 2.8.0 does not for this Q1 line";
        }
        return dump;
    }

    bool Blazer => Driver == "blazer_ser";

    void Build()
    {
        var q1 = new StringBuilder("(");
        q1.Append(Field("input.voltage", 5, 1)).Append(' ');
        q1.Append(Field("input.voltage.fault", 5, 1)).Append(' ');
        q1.Append(Field("output.voltage", 5, 1)).Append(' ');
        q1.Append(Field("ups.load", 3, 0)).Append(' ');
        q1.Append(Field("input.frequency", 4, 1)).Append(' ');
        q1.Append(BatteryField()).Append(' ');
        q1.Append(Field("ups.temperature", 4, 1)).Append(' ');
        q1.Append(StatusBits());
        Q1 = q1.ToString();

        if (Protocol == "q1")
        {
            foreach (var v in new[] { "input.voltage.nominal", "input.current.nominal", "battery.voltage.nominal", "input.frequency.nominal", "device.mfr", "device.model", "ups.firmware", "ups.mfr", "ups.model" })
                if (Values.ContainsKey(v))
                    Skipped[v] = "the Q1 protocol does not read F or I (this value came from ups.conf or another protocol)";
            return;
        }
        if (Values.ContainsKey("input.voltage.nominal") || Values.ContainsKey("battery.voltage.nominal"))
        {
            Ratings = "#" + Field("input.voltage.nominal", 5, 1) + " " + Field("input.current.nominal", 3, 0) + " "
                + Field("battery.voltage.nominal", 5, 2) + " " + Field("input.frequency.nominal", 4, 1);
        }
        string mfr = Blazer ? "ups.mfr" : "device.mfr", model = Blazer ? "ups.model" : "device.model";
        if (Values.ContainsKey(mfr) || Values.ContainsKey(model) || Values.ContainsKey("ups.firmware"))
            Identity = "#" + Text(mfr, 15) + " " + Text(model, 10) + " " + Text("ups.firmware", 10);
    }

    /// <summary>A number in a fixed-width Megatec column ("229.7" → "229.7", 6 → "006"); a filler the driver ignores when absent.</summary>
    string Field(string name, int width, int decimals)
    {
        if (!Values.TryGetValue(name, out string? s) || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0)
            return Filler(width, decimals);
        string text = v.ToString("F" + decimals, CultureInfo.InvariantCulture).PadLeft(width, '0');
        if (text.Length != width || Math.Abs(double.Parse(text, CultureInfo.InvariantCulture) - v) > 1e-9)
        {
            Skipped[name] = $"{s} does not fit Megatec's {width}-character column";
            return Filler(width, decimals);
        }
        Compared.Add(name);
        return text;
    }

    static string Filler(int width, int decimals) =>
        decimals == 0 ? new string('-', width) : new string('-', width - decimals - 1) + "." + new string('-', decimals);

    /// <summary>Q1's 4-character battery column: "27.4" or, per cell, "2.27".</summary>
    string BatteryField()
    {
        const string name = "battery.voltage";
        if (!Values.TryGetValue(name, out string? s) || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            return "--.-";
        string text = v < 10 ? v.ToString("0.00", CultureInfo.InvariantCulture) : v.ToString("00.0", CultureInfo.InvariantCulture);
        if (text.Length != 4 || Math.Abs(double.Parse(text, CultureInfo.InvariantCulture) - v) > 1e-9)
        {
            Skipped[name] = $"{s} is not a 4-character reading: older blazer versions multiplied a per-cell reading by the number of packs (NUT 2.8.0 publishes the reading)";
            return "--.-";
        }
        Compared.Add(name);
        return text;
    }

    string Text(string name, int width)
    {
        if (!Values.TryGetValue(name, out string? s))
            return new string(' ', width);
        if (s.Length == 0)
        {
            Skipped[name] = "empty: older NUT versions published empty strings, NUT 2.8.0 publishes nothing";
            return new string(' ', width);
        }
        if (s.Length > width)
        {
            Skipped[name] = $"'{s}' is longer than Megatec's {width}-character column";
            return new string(' ', width);
        }
        Compared.Add(name);
        return s.PadRight(width);
    }

    /// <summary>The 8 status bits from ups.status, ups.type and ups.beeper.status.</summary>
    string StatusBits()
    {
        var status = Values["ups.status"].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        bool online = Values.GetValueOrDefault("ups.type") is { } t && t.Equals("online", StringComparison.OrdinalIgnoreCase);
        bool beeper = Values.GetValueOrDefault("ups.beeper.status") != "disabled";
        bool[] bits =
        [
            status.Contains("OB"), status.Contains("LB"), status.Contains("BOOST") || status.Contains("TRIM") || status.Contains("BYPASS"),
            false, !online, status.Contains("CAL"), status.Contains("FSD"), beeper,
        ];
        Compared.Add("ups.status");
        if (Values.ContainsKey("ups.type"))
            Compared.Add("ups.type");
        if (Values.ContainsKey("ups.beeper.status"))
            Compared.Add("ups.beeper.status");
        return string.Concat(bits.Select(b => b ? '1' : '0'));
    }
}
