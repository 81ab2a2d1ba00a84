namespace Nut.Drivers.ApcSmart;

/// <summary>The status byte of 'Q' and how the alert characters change it.</summary>
public static class ApcStatusBits
{
    public const int Cal = 1, Trim = 2, Boost = 4, OnLine = 8, OnBattery = 16, Over = 32, LowBattery = 64, ReplaceBattery = 128;

    /// <summary>ups.status tokens in NUT's order; a zero byte means the UPS is off.</summary>
    public static IEnumerable<string> Tokens(int status)
    {
        (int bit, string token)[] map =
        [
            (Cal, "CAL"), (Trim, "TRIM"), (Boost, "BOOST"), (OnLine, "OL"), (OnBattery, "OB"),
            (Over, "OVER"), (LowBattery, "LB"), (ReplaceBattery, "RB"),
        ];
        foreach (var (bit, token) in map)
            if ((status & bit) != 0)
                yield return token;
        if (status == 0)
            yield return "OFF";
    }

    /// <summary>The status after an alert character; unknown characters leave it as it is.</summary>
    public static int Apply(int status, char alert) => alert switch
    {
        '!' => (status & ~OnLine) | OnBattery,
        '$' => (status & ~OnBattery) | OnLine,
        '%' => status | LowBattery,
        '+' => status & ~LowBattery,
        '#' => status | ReplaceBattery,
        '?' => status | Over,
        '=' => status & ~Over,
        _ => status,
    };
}
