namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The items NUT 2.8.0's voltronic-qs-hex reads from the QS answer once it is rewritten to text (see
/// <see cref="VoltronicQsHexAnswer"/>): values, the eight status bits at Q1's positions (38..45) and, for T
/// devices, the ratings bits (47..54; skipped until the protocol letter says T).
/// </summary>
static class VoltronicQsHexItems
{
    public static List<QxItem> Status()
    {
        var bits = BlazerItems.StatusBits("QS", 47, 38);
        var items = new List<QxItem>
        {
            Hex("input.voltage", 1, 7, "%.1f", QxFlags.None, VoltronicQsHexAnswer.Voltage),
            Hex("output.voltage", 9, 15, "%.1f", QxFlags.None, VoltronicQsHexAnswer.Voltage),
            Hex("ups.load", 17, 18, "%d", QxFlags.None, VoltronicQsHexAnswer.Load),
            Hex("output.frequency", 20, 30, "%.1f", QxFlags.None, VoltronicQsHexAnswer.Frequency),
            Hex("battery.voltage", 32, 36, "%.2f", QxFlags.None, VoltronicQsHexAnswer.BatteryVoltage),
        };
        foreach (var bit in bits)
        {
            // NUT's table has the UPS-failed alarm between the bypass and type bits.
            if (bit.From == 42)
                items.Add(Hex("ups.alarm", 41, 41, "%s", QxFlags.None, BlazerItems.SelftestFailed));
            // As in NUT's table, the UPS type is read once, at start-up.
            items.Add(Hex(bit.Name, bit.From, bit.To, bit.Format, bit.Name == "ups.type" ? QxFlags.Static : bit.Flags, bit.Convert!));
        }
        items.Add(Hex("output.frequency.nominal", 47, 47, "%.1f", QxFlags.Skip, VoltronicQsHexAnswer.Ratings, VoltronicQsHexAnswer.TLength + 1));
        items.Add(Hex("battery.voltage.nominal", 48, 49, "%.1f", QxFlags.Skip, VoltronicQsHexAnswer.Ratings, VoltronicQsHexAnswer.TLength + 1));
        items.Add(Hex("output.voltage.nominal", 52, 54, "%.1f", QxFlags.Skip, VoltronicQsHexAnswer.Ratings, VoltronicQsHexAnswer.TLength + 1));
        return items;
    }

    /// <summary>
    /// An item of the QS answer. The minimum length applies to the rewritten text (as in NUT, where it is checked
    /// after the rewriting), so it is checked in the answer hook rather than on the raw bytes.
    /// </summary>
    static QxItem Hex(string name, int from, int to, string format, QxFlags flags, QxValueHook convert,
        int textLength = VoltronicQsHexAnswer.PLength + 1) => new()
    {
        Name = name, Command = "QS", Leading = '#', From = from, To = to, Format = format, Flags = flags, Convert = convert,
        CheckAnswer = (_, item, answer) =>
        {
            string? text = VoltronicQsHexAnswer.Refine(answer);
            if (text is not null && text.Length < textLength)
            {
                Nut.Platform.NutLog.Debug(2, $"qx_process_answer: short reply ({item.Name})");
                return null;
            }
            return text;
        },
    };
}
