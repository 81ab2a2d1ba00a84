namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// Turns a <see cref="MegatecSimulator"/> into a device of another nutdrv_qx protocol: which query gives the
/// status line and what the protocol's own queries answer (the dialogues Debian's nutdrv_qx 2.8.0 holds with
/// each, seen with <c>-DDDDD</c>). Anything else is answered as by a Megatec device, unknown queries echoed.
/// </summary>
static class ProtocolVariants
{
    /// <summary>The protocol names (as given to <c>protocol=</c>) a simulator can play.</summary>
    public static readonly string[] Names = ["mustek", "megatec/old", "bestups", "zinto", "hunnox", "mecer", "voltronic-qs", "voltronic-qs-hex", "ablerex"];

    public static MegatecSimulator Configure(MegatecSimulator ups, string protocol)
    {
        switch (protocol)
        {
            case "mustek":
                Status(ups, "QS");
                break;
            case "megatec/old":
                Status(ups, "D");
                break;
            case "bestups":
                // Model code, VA, input and output volts, battery low and high volts; runtime in minutes; the
                // transfer-voltage code; the shutdown mode of the interface pins.
                ups.ExtraAnswers["ID"] = "FOR,750,120,120,20.0,27.6";
                ups.ExtraAnswers["RT"] = "037";
                ups.ExtraAnswers["M"] = "0";
                ups.ExtraAnswers["SS?"] = "(2";
                break;
            case "zinto" or "hunnox":
                ups.ExtraAnswers["FW?"] = ups.Identity;
                break;
            case "mecer":
                ups.ExtraAnswers["QPI"] = "(PI98";
                break;
            case "voltronic-qs":
                Status(ups, "QS");
                ups.ExtraAnswers["M"] = "V";
                break;
            case "voltronic-qs-hex" or "voltronic-qs-hex/P":
                // A T device, or with /P a P device (without the ratings byte and the quick test): its QS answer is
                // binary, built from the state once, here; it does not know Q1.
                ups.StatusCommands.Clear();
                char letter = protocol.EndsWith("/P", StringComparison.Ordinal) ? 'P' : 'T';
                ups.ExtraAnswers["M"] = letter.ToString();
                ups.ExtraAnswers["QS"] = QsHexAnswer.For(ups, letter);
                break;
            case "ablerex":
                // Q5: binary big-endian words after '(': output frequency (tenths of Hz) at bytes 1-2, battery voltage
                // and cut-off voltage (hundredths of a 12 V block's nominal) at 7-8 and 9-10, an error code at 13-14,
                // output current (tenths of A) at 15-16. At: the runtime in seconds (bytes 1-4). TR: the test result
                // (4 characters after '#'; what real devices put there is not documented, this one says PASS).
                int battery = (int)Math.Round(ups.BatteryVoltage * 50);
                ups.ExtraAnswers["Q5"] = Bytes('(', 0x01, 0xF4, 0, 0, 0, 0, battery >> 8, battery & 0xFF, 0x03, 0x84, 0, 0, 0, 0, 0, 42, '0', '0', '0', '0');
                int runtime = ups.UtilityFail ? 300 : 1400;
                ups.ExtraAnswers["At"] = Bytes('(', 0, 0, runtime >> 8, runtime & 0xFF);
                ups.ExtraAnswers["TR"] = "#PASS";
                break;
            case "masterguard":
                // An A-series Masterguard (the samples of NUT's table): WH identity, Q3 status, MSO/PNV output voltages,
                // GS settings. It knows Q1 but not I.
                ups.ExtraAnswers["WH"] = "(00 10.06 03.09 A  700  + 0 Bat Pack-19        0 230 50.00 012 02.30 006.00 012.00 018 10 40 160 276 47.00 53.00";
                ups.ExtraAnswers["Q3"] = "(00 225.9 225.9 229.3 043 50.0 02.27 23.4 017.03 100 00000000 00000000";
                ups.ExtraAnswers["MSO"] = "(220 230 240";
                ups.ExtraAnswers["PNV"] = "(PNV=230";
                ups.ExtraAnswers["GS,00"] = "(00,00 0 1";
                ups.ExtraAnswers["I"] = "I";
                ups.ExtraAnswers["F"] = "F";
                break;
            default:
                throw new ArgumentException($"no simulation for protocol {protocol}", nameof(protocol));
        }
        return ups;
    }

    static string Bytes(params int[] bytes) => new(bytes.Select(b => (char)b).ToArray());

    static void Status(MegatecSimulator ups, string command)
    {
        ups.StatusCommands.Clear();
        ups.StatusCommands.Add(command);
    }
}
