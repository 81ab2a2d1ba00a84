namespace Nut.Drivers.Generic;

/// <summary>What a contact-closure UPS says through its lines, as ups.status tokens.</summary>
public static class ContactClosureStatus
{
    /// <summary>
    /// The status tokens in NUT's order (LB first, then OL or OB, then RB, then BYPASS: NUT sets them in that order,
    /// so a low battery on battery reads "LB OB"). A cable without an on-line signal always reads OL; the other
    /// signals are never set when the cable lacks them.
    /// </summary>
    public static List<string> Of(ContactClosureType type, int lineState)
    {
        var tokens = new List<string>(4);
        if (type.LowBattery.Lines != 0 && type.LowBattery.IsTrue(lineState))
            tokens.Add("LB");
        tokens.Add(type.Online.IsTrue(lineState) ? "OL" : "OB");
        if (type.ReplaceBattery.Lines != 0 && type.ReplaceBattery.IsTrue(lineState))
            tokens.Add("RB");
        if (type.Bypass.Lines != 0 && type.Bypass.IsTrue(lineState))
            tokens.Add("BYPASS");
        return tokens;
    }
}
