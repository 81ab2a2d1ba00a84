using System.Text;
using Nut.Drivers.ApcSmart;

namespace Nut.Fuzz.Targets;

/// <summary>
/// apcsmart's reply converters (src/Nut.Drivers/ApcSmart): each input line is one Smart answer, converted in every
/// format of the command table, read as the hexadecimal status byte ('Q') and run through the alert characters.
/// The reply reading itself (ApcSmartLink over a SerialLine, Discover, ReadCapabilities) has no injectable port
/// yet, so it is not under this harness; see docs/fuzzing.md.
/// </summary>
public static class ApcSmartReplyTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        foreach (string line in Encoding.Latin1.GetString(data).Split('\n'))
        {
            foreach (var format in Enum.GetValues<ApcFormat>())
                ApcSmartConvert.ToNut(format, line);
            int status = (int)ApcSmartConvert.StrtolHex(line);
            foreach (char alert in line)
                status = ApcStatusBits.Apply(status, alert);
            ApcStatusBits.Tokens(status).Count();
            foreach (char c in line)
                ApcSmartConvert.Show(c);
        }
    }
}
