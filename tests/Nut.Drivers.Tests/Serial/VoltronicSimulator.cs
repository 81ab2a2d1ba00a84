using System.Globalization;
using System.IO.Ports;
using System.Text;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// A Voltronic Power UPS (P30/P31-family protocol, NUT's "voltronic") on the device end of a
/// <see cref="PtyPair"/>: answers QGS, QPI, QRI, QMD, F, QMF, QVFW, QID, QBV, QMOD, QWS, QFLAG, QLDL, QBYV, QBYF and
/// RE0 from its state, and the optional queries of VoltronicSimulator.Options.cs (per-phase values, ECO limits,
/// programmable outlets, PI31 settings, phase angles, parallel role) as its protocol id and options allow; acknowledges its commands with "(ACK" (and shows them in its state), refuses everything else
/// with "(NAK", and can be made silent. Every command it received is kept in <see cref="Received"/>.
/// </summary>
public sealed partial class VoltronicSimulator : IDisposable
{
    readonly SerialPort _port;
    readonly Thread _thread;
    readonly List<string> _received = [];
    volatile bool _stop;

    public VoltronicSimulator(string device)
    {
        _port = new SerialPort(device, 2400, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            Encoding = Encoding.Latin1,
            NewLine = "\r",
            ReadTimeout = 200,
        };
        _port.Open();
        _thread = new Thread(Serve) { IsBackground = true, Name = "voltronic-sim" };
        _thread.Start();
    }

    /// <summary>The QPI answer's protocol id ("PI02"; PI00 and PI08 report an AVR instead of a bypass).</summary>
    public string ProtocolId { get; set; } = "PI02";

    public double InputVoltage { get; set; } = 231.4;
    public double InputFrequency { get; set; } = 50.0;
    public double OutputVoltage { get; set; } = 230.1;
    public double OutputFrequency { get; set; } = 50.0;
    public double OutputCurrent { get; set; } = 1.2;
    public int Load { get; set; } = 17;
    public double BatteryVoltage { get; set; } = 27.2;
    public double Temperature { get; set; } = 28.5;
    public int BatteryCharge { get; set; } = 100;
    public int RuntimeMinutes { get; set; } = 42;

    /// <summary>QGS type bits: "00" offline, "01" line-interactive, "10" online.</summary>
    public string Type { get; set; } = "01";
    public bool UtilityFail { get; set; }
    public bool BatteryLow { get; set; }
    /// <summary>Bypass, boost or buck active (the driver tells which from the voltages).</summary>
    public bool Avr { get; set; }
    public bool Fault { get; set; }
    public bool Testing { get; set; }
    public bool ShutdownActive { get; set; }
    /// <summary>The beeper is silenced (BZOFF) or, without the alarm control option, disabled.</summary>
    public bool BeeperOff { get; set; }

    /// <summary>The QMOD letter; by default 'B' on battery, 'T' while testing, 'S' after SOFF, else 'L'.</summary>
    public char? Mode { get; set; }
    bool _loadOff;

    /// <summary>Positions (0-based) of the QWS warning bits that are set.</summary>
    public HashSet<int> Warnings { get; } = [];

    /// <summary>QFLAG options: letters enabled and disabled (no ECO mode, no programmable outlets by default).</summary>
    public string Enabled { get; set; } = "pashc";
    public string Disabled { get; set; } = "brogfl";

    public int BatteriesPerPack { get; set; } = 2;
    public int Packs { get; set; } = 1;
    public int LowVoltage { get; set; } = 20;

    public string Model { get; set; } = "#######OLHVT1K0";
    public string Manufacturer { get; set; } = "###VOLTRONIC SIM";
    public string Serial { get; set; } = "83122107101234";

    /// <summary>Say nothing at all (a cable pulled out).</summary>
    public bool Silent { get; set; }

    public IReadOnlyList<string> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public string Qgs()
    {
        var bits = new StringBuilder(Type, 12);
        foreach (bool b in new[] { UtilityFail, BatteryLow, Avr, Fault, false, Testing, ShutdownActive, BeeperOff, false, false })
            bits.Append(b ? '1' : '0');
        return F($"({InputVoltage:000.0} {InputFrequency:00.0} {OutputVoltage:000.0} {OutputFrequency:00.0} {OutputCurrent:000.0} {Load:000} 369.1 ---.- {BatteryVoltage:000.0} ---.- {Temperature:000.0} {bits}");
    }

    char CurrentMode() => Mode ?? (_loadOff ? 'S' : Testing ? 'T' : UtilityFail ? 'B' : 'L');

    string Qws()
    {
        var bits = new char[64];
        for (int i = 0; i < 64; i++)
            bits[i] = Warnings.Contains(i) ? '1' : '0';
        return "(" + new string(bits);
    }

    void Serve()
    {
        while (!_stop)
        {
            string command;
            try
            {
                command = _port.ReadLine();
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
            string? reply = Handle(command);
            if (reply is null)
                continue;
            try
            {
                _port.Write(reply + "\r");
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                return;
            }
        }
    }

    /// <summary>Takes one command (without its CR) as the device would: recorded, then answered (null = no answer).</summary>
    public string? Handle(string command)
    {
        lock (_received)
            _received.Add(command);
        if (Silent)
            return null;
        lock (Warnings)
            return Answer(command) ?? Command(command);
    }

    string? Answer(string command) => command switch
    {
        "QGS" => Qgs(),
        "QPI" => "(" + ProtocolId,
        "QRI" => "(230.0 004 024.0 50.0",
        "QMD" => F($"({Model} ###1000 80 {Phases} 230 230 {BatteriesPerPack:00} 12.0"),
        "F" => "#230.0 004 024.0 50.0",
        "QMF" => "(" + Manufacturer,
        "QVFW" => "(VERFW:00322.02",
        "QID" => "(" + Serial,
        "QBV" => F($"({BatteryVoltage:000.0} {BatteriesPerPack:00} {Packs:00} {BatteryCharge:000} {RuntimeMinutes:000}"),
        "QMOD" => "(" + CurrentMode(),
        "QWS" => Qws(),
        "QFLAG" => "(E" + Enabled + "D" + Disabled,
        "QLDL" => "(012 034",
        "QBYV" => F($"({BypassVoltMax:000} {BypassVoltMin:000}"),
        "QBYF" => F($"({BypassFreqMax:00.0} {BypassFreqMin:00.0}"),
        "RE0" => F($"#{LowVoltage:00}"),
        _ => OptionalAnswer(command),
    };

    /// <summary>The commands: "(ACK" and their effect, "(NAK" for anything unknown.</summary>
    string Command(string command)
    {
        const string Ack = "(ACK";
        switch (command)
        {
            case "T" or "TL": Testing = true; return Ack;
            case "CT": Testing = false; return Ack;
            case "CS": ShutdownActive = false; return Ack;
            case "BZOFF": BeeperOff = true; return Ack;
            case "BZON": BeeperOff = false; return Ack;
            case "SOFF": _loadOff = true; return Ack;
            case "SON": _loadOff = false; return Ack;
        }
        if (command.Length >= 3 && command[0] == 'T' && (command[1] == '.' || char.IsAsciiDigit(command[1])))
        {
            Testing = true;
            return Ack;
        }
        if (command.Length >= 3 && command[0] == 'S' && (command[1] == '.' || char.IsAsciiDigit(command[1])))
        {
            ShutdownActive = true;
            return Ack;
        }
        // PE<X> / PD<X>: enable or disable the option whose QFLAG letter is x.
        if (command.Length == 3 && command[0] == 'P' && command[1] is 'E' or 'D' && (Enabled + Disabled).Contains(char.ToLowerInvariant(command[2])))
        {
            string letter = char.ToLowerInvariant(command[2]).ToString();
            Enabled = Enabled.Replace(letter, "", StringComparison.Ordinal);
            Disabled = Disabled.Replace(letter, "", StringComparison.Ordinal);
            if (command[1] == 'E') Enabled += letter; else Disabled += letter;
            return Ack;
        }
        if (command.StartsWith("BATGN", StringComparison.Ordinal) && int.TryParse(command[5..], CultureInfo.InvariantCulture, out int packs))
        {
            Packs = packs;
            return Ack;
        }
        if (command.StartsWith("BATN", StringComparison.Ordinal) && int.TryParse(command[4..], CultureInfo.InvariantCulture, out int n))
        {
            BatteriesPerPack = n;
            return Ack;
        }
        if (command.StartsWith("W0E", StringComparison.Ordinal) && int.TryParse(command[3..], CultureInfo.InvariantCulture, out int low))
        {
            LowVoltage = low;
            return Ack;
        }
        return OptionalCommand(command) ? Ack : "(NAK";
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(2000);
        _port.Dispose();
    }
}
