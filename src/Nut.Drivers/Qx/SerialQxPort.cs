using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>
/// Q* over RS-232: 2400 baud 8N1, DTR/RTS as <c>cablepower</c> says (some cables draw their power from them),
/// one command per CR-terminated line and an answer ending in CR within a second. Anything the device sent
/// unasked is dropped before each command, so a stray line cannot be taken for the answer.
/// </summary>
public sealed class SerialQxPort : IQxPort
{
    /// <summary>How long a device may take to answer one command.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Longest answer kept (the longest Q* answers are about 120 characters).</summary>
    public const int MaxAnswerLength = 512;

    readonly SerialLine _line;

    SerialQxPort(SerialLine line) => _line = line;

    /// <summary>Opens the port; <paramref name="cablePower"/> is normal (DTR on, RTS off), reverse, both or none.</summary>
    public static SerialQxPort Open(string path, string? cablePower)
    {
        var line = SerialLine.Open(path, 2400);
        (bool dtr, bool rts) = (cablePower ?? "normal") switch
        {
            "reverse" => (false, true),
            "both" => (true, true),
            "none" => (false, false),
            _ => (true, false),
        };
        if (cablePower is not (null or "normal" or "reverse" or "both" or "none"))
            NutLog.Info($"Value '{cablePower}' not valid for 'cablepower'");
        line.SetModemLines(dtr, rts);
        // The interface needs a moment to power up from the lines before it answers.
        Thread.Sleep(100);
        return new SerialQxPort(line);
    }

    public string? Exchange(string command)
    {
        _line.DiscardInput();
        if (!_line.Write(command + "\r"))
            return null;
        return _line.ReadUntil('\r', AnswerTimeout, MaxAnswerLength);
    }

    public void Dispose() => _line.Dispose();
}
