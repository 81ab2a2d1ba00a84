namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// Turns a <see cref="MegatecSimulator"/> into a device of another nutdrv_qx protocol: which query gives the
/// status line and what the protocol's own queries answer (the dialogues Debian's nutdrv_qx 2.8.0 holds with
/// each, seen with <c>-DDDDD</c>). Anything else is answered as by a Megatec device, unknown queries echoed.
/// </summary>
static class ProtocolVariants
{
    /// <summary>The protocol names (as given to <c>protocol=</c>) a simulator can play.</summary>
    public static readonly string[] Names = ["mustek", "megatec/old", "bestups", "zinto", "hunnox", "mecer", "voltronic-qs"];

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
            default:
                throw new ArgumentException($"no simulation for protocol {protocol}", nameof(protocol));
        }
        return ups;
    }

    static void Status(MegatecSimulator ups, string command)
    {
        ups.StatusCommands.Clear();
        ups.StatusCommands.Add(command);
    }
}
