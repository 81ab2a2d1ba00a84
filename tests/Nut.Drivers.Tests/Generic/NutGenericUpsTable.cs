namespace Nut.Drivers.Tests.Generic;

/// <summary>
/// NUT 2.8.0's genericups cable table written out again as text, independently of the driver's own table, so the
/// tests check one against the other: cable power lines, then the signals ("-CTS" = true when CTS is off), then the
/// shutdown lines ("unknown" = the cable cannot shut down, "ST" = a break, "" = drop every line).
/// </summary>
static class NutGenericUpsTable
{
    public sealed record Row(int Type, string Mfr, string Model, string Power, string Ol, string Lb, string Rb, string Bypass, string Sd);

    public static readonly Row[] Rows =
    [
        new(0, "UPSONIC", "LAN Saver 600", "DTR RTS", "-CTS", "DCD", "", "", "RTS"),
        new(1, "APC", "Back-UPS", "DTR", "-RNG", "DCD", "", "", "RTS"),
        new(2, "APC", "Back-UPS", "RTS", "-CTS", "DCD", "", "", "DTR RTS"),
        new(3, "PowerTech", "Comp1000", "DTR", "-CTS", "DCD", "", "", "DTR RTS"),
        new(4, "Generic", "Generic RUPS model", "RTS", "CTS", "-DCD", "", "", ""),
        new(5, "TrippLite", "Internet Office Series", "DTR", "CTS", "-DCD", "", "", "DTR RTS"),
        new(6, "Best", "Patriot", "DTR", "CTS", "-DCD", "", "", "RTS"),
        new(7, "CyberPower", "Power99", "RTS", "CTS", "-DCD", "", "", "DTR"),
        new(8, "Nitram", "Elite UPS", "DTR", "CTS", "-DCD", "", "", "unknown"),
        new(9, "APC", "Back-UPS", "", "-DCD", "CTS", "", "", "RTS"),
        new(10, "Victron", "Lite", "RTS", "CTS", "-DCD", "", "", "DTR"),
        new(11, "Powerware", "3115", "DTR", "-CTS", "-DCD", "", "", "ST"),
        new(12, "APC", "Back-UPS Office", "RTS", "-CTS", "DCD", "", "", "DTR"),
        new(13, "RPT", "Repoteck", "DTR RTS", "DCD", "-CTS", "", "", "ST"),
        new(14, "Online", "P250, P500, P750, P1250", "DTR", "DCD", "-CTS", "", "", "RTS"),
        new(15, "Powerware", "5119", "DTR", "CTS", "-DCD", "", "", "ST"),
        new(16, "Nitram", "Elite UPS", "DTR RTS", "CTS", "-DCD", "", "", "unknown"),
        new(17, "PowerKinetics", "9001", "DTR", "CTS", "-DCD", "", "", "unknown"),
        new(18, "TrippLite", "Omni 450LAN", "DTR", "CTS", "DCD", "", "", "unknown"),
        new(19, "Fideltronik", "Ares Series", "DTR", "CTS", "-DCD", "", "", "RTS"),
        new(20, "Powerware", "5119 RM", "DTR", "-CTS", "DCD", "", "", "ST"),
        new(21, "Generic", "Generic RUPS 2000", "RTS", "CTS", "-DCD", "", "", "DTR RTS"),
        new(22, "Gamatronic Electronic Industries", "Generic Alarm UPS", "RTS", "CTS", "-DCD", "", "", "DTR"),
        new(23, "Generic", "Generic FTTx Battery Backup", "RTS", "CTS", "-DCD", "-RNG", "-DSR", ""),
    ];

    /// <summary>The four input lines, as the fake-lines file names them.</summary>
    public static readonly string[] Inputs = ["CTS", "DCD", "RNG", "DSR"];

    /// <summary>Every combination of input lines that are on (16 of them).</summary>
    public static IEnumerable<string[]> Combinations() =>
        Enumerable.Range(0, 16).Select(mask => Inputs.Where((_, i) => (mask & (1 << i)) != 0).ToArray());

    /// <summary>Whether a signal written as "CTS" / "-CTS" / "" holds with these lines on ("" = no such signal).</summary>
    static bool Holds(string signal, string[] on) =>
        signal.Length > 0 && (signal[0] == '-' ? !on.Contains(signal[1..]) : on.Contains(signal));

    /// <summary>ups.status as NUT builds it: LB, then OL/OB (always OL without an on-line signal), RB, BYPASS.</summary>
    public static string ExpectedStatus(Row row, string[] on)
    {
        var tokens = new List<string>();
        if (Holds(row.Lb, on)) tokens.Add("LB");
        tokens.Add(row.Ol.Length == 0 || Holds(row.Ol, on) ? "OL" : "OB");
        if (Holds(row.Rb, on)) tokens.Add("RB");
        if (Holds(row.Bypass, on)) tokens.Add("BYPASS");
        return string.Join(' ', tokens);
    }
}
