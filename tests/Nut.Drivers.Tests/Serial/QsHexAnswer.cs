using System.Text;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// Builds the binary QS answer of a Voltronic-QS-Hex device (protocol letter P or T) from a
/// <see cref="MegatecSimulator"/>'s state, the way such a device encodes it: '#', space-separated tokens of raw
/// bytes (voltages as a 16-bit value and a factor, volts = value * factor / 51 / 256; load; output frequency as
/// a 16-bit divisor and a 24-bit dividend; battery volts = two bytes' product / 510; the Q1 status bits as one
/// byte; T devices add a ratings byte), each CR, XON, XOFF, LF and space escaped as '(' followed by 0..4.
/// </summary>
static class QsHexAnswer
{
    /// <summary>The divisor of the frequency token: hertz = dividend / this.</summary>
    const int FrequencyDivisor = 25000;

    public static string For(MegatecSimulator ups, char protocol)
    {
        List<byte[]> tokens =
        [
            Word(Volts(ups.InputVoltage)), One(51),
            Word(Volts(ups.OutputVoltage)), One(51),
            One(ups.Load),
            Word(FrequencyDivisor),
            Dividend((int)Math.Round(ups.Frequency * FrequencyDivisor)),
            // battery volts * 10 with a factor of 51: 510 / 51 = 10.
            One((int)Math.Min(255, Math.Round(ups.BatteryVoltage * 10))), One(51),
            One(StatusByte(ups)),
        ];
        if (protocol == 'T')
            tokens.Add(One(0b0_01_00_011)); // 50 Hz (bit 7 = 0), 24 V battery (01), two reserved bits, 230 V output (011)
        var answer = new StringBuilder("#");
        for (int t = 0; t < tokens.Count; t++)
        {
            if (t > 0) answer.Append(' ');
            foreach (byte b in tokens[t])
                answer.Append(Escaped(b));
        }
        return answer.ToString();
    }

    static byte[] One(int value) => [(byte)value];

    static byte[] Dividend(int value) => [(byte)(value >> 16), (byte)(value >> 8), (byte)value];

    static int Volts(double volts) => (int)Math.Round(volts * 256);

    static byte[] Word(int value) => [(byte)(value >> 8), (byte)value];

    /// <summary>b7..b0: utility fail, battery low, AVR, UPS failed, standby type, test, shutdown, beeper (as Q1).</summary>
    static byte StatusByte(MegatecSimulator ups)
    {
        int bits = 0;
        foreach (bool b in new[] { ups.UtilityFail, ups.BatteryLow, ups.Avr, false, true, ups.Testing, ups.ShutdownPending, ups.Beeper })
            bits = bits << 1 | (b ? 1 : 0);
        return (byte)bits;
    }

    static string Escaped(byte b) => b switch
    {
        0x0D => "(\x00",
        0x11 => "(\x01",
        0x13 => "(\x02",
        0x0A => "(\x03",
        0x20 => "(\x04",
        _ => ((char)b).ToString(),
    };
}
