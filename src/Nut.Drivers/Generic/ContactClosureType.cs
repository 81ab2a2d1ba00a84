namespace Nut.Drivers.Generic;

/// <summary>
/// One input signal of a contact-closure cable: the modem-control lines it looks at (TIOCM_* bits) and the state
/// those lines must be in for the signal to be true. <c>Lines == 0</c> means the cable has no such signal.
/// </summary>
public readonly record struct InputSignal(int Lines, int Value)
{
    public static readonly InputSignal None = new(0, 0);

    /// <summary>True when the lines read from the port match (NUT compares the masked bits with the value).</summary>
    public bool IsTrue(int lineState) => (lineState & Lines) == Value;
}

/// <summary>
/// A cable/UPS combination of genericups' <c>upstype</c> table: what to publish as ups.mfr / ups.model, which output
/// lines power the cable, which input lines signal on line / low battery / replace battery / bypass, and which
/// output lines (or a break) tell the UPS to cut the load.
/// </summary>
/// <param name="Shutdown">Output lines set for the shutdown; <see cref="NoShutdown"/> when the cable cannot do it,
/// exactly TIOCM_ST for a 4.9 s break.</param>
public sealed record ContactClosureType(
    string Mfr, string Model, string Description,
    int CablePower, InputSignal Online, InputSignal LowBattery, InputSignal ReplaceBattery, InputSignal Bypass,
    int Shutdown)
{
    /// <summary>The cable has no known way to cut the load (NUT marks it -1).</summary>
    public const int NoShutdown = -1;
}
