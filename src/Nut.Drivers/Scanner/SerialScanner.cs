using Nut.Drivers.Host;
using Nut.Drivers.Qx;

namespace Nut.Drivers.Scanner;

/// <summary>
/// -E: probes each serial port at 2400 8N1. First NUT's Q1 probe (DTR on, RTS off, "Q1\r" up to three times, a reply
/// of at least 46 bytes starting with '(' within a second means a Megatec/Q1 UPS: <c>blazer_ser</c>, as NUT says),
/// then ours for APC Smart-UPS ("Y" answered "SM": <c>apcsmart</c>). NUT also tries Eaton SHUT (mge-shut) and XCP
/// (bcmxcp) before Q1; we do not (no driver for them here).
/// </summary>
public static class SerialScanner
{
    const int Baud = 2400;
    const int Tries = 3;
    const int Q1MinimumReply = 46;
    static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<ScannedDevice> Probe(string port)
    {
        SerialLine line;
        try
        {
            line = SerialLine.Open(port, Baud);
        }
        catch (Exception e) when (e is DriverFatalException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
        using (line)
        {
            string? driver = IsQ1(line) ? "blazer_ser" : IsApcSmart(line) ? "apcsmart" : null;
            return driver is null ? [] : [ScannedDevice.Of(ScanBus.EATON_SERIAL, driver, port)];
        }
    }

    static bool IsQ1(SerialLine line)
    {
        line.SetModemLines(dtr: true, rts: false);
        Thread.Sleep(100); // let the cable power settle, as NUT does
        for (int i = 0; i < Tries; i++)
        {
            line.DiscardInput();
            if (!line.Write("Q1\r"))
                continue;
            if (line.ReadUntil('\r', ReplyWait) is { } reply && reply.Length >= Q1MinimumReply && reply[0] == '(')
                return true;
        }
        return false;
    }

    static bool IsApcSmart(SerialLine line)
    {
        for (int i = 0; i < Tries; i++)
        {
            Thread.Sleep(100); // let any answer to the Q1 probe arrive before it is discarded
            line.DiscardInput();
            if (!line.Write("Y"))
                continue;
            if (line.ReadUntil('\n', ReplyWait) is { } reply && reply.TrimEnd('\r', '\n') == "SM")
                return true;
        }
        return false;
    }
}
