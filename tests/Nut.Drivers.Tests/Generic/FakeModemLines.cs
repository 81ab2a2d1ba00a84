using Nut.Drivers.Generic;
using static Nut.Drivers.Generic.SerialNative;

namespace Nut.Drivers.Tests.Generic;

/// <summary>Modem lines a test drives: the inputs it sets, the outputs and breaks the driver asked for.</summary>
sealed class FakeModemLines : IModemLines
{
    public int Inputs;
    public string? ReadError;
    public readonly List<string> Outputs = [];

    /// <summary>Sets the input lines by name (CTS, DCD, RNG, DSR).</summary>
    public void SetInputs(params string[] on) =>
        Inputs = on.Aggregate(0, (bits, name) => bits | name switch
        {
            "CTS" => TIOCM_CTS, "DCD" => TIOCM_CAR, "RNG" => TIOCM_RNG, "DSR" => TIOCM_DSR,
            _ => throw new ArgumentException(name),
        });

    public bool TryRead(out int lines, out string error)
    {
        lines = Inputs;
        error = ReadError ?? "";
        return ReadError is null;
    }

    public bool TrySet(int lines, out string error)
    {
        Outputs.Add(("SET" + FileModemLines.Names(lines)).Trim());
        error = "";
        return true;
    }

    public bool TrySendBreak(int duration, out string error)
    {
        Outputs.Add("BREAK " + duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
        error = "";
        return true;
    }

    public void Dispose() { }
}
