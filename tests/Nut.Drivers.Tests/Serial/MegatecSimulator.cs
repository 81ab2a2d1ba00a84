using System.Globalization;
using System.IO.Ports;
using System.Text;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// A Megatec/Q1 UPS on the device end of a <see cref="PtyPair"/> (testdata/serial/megatec.md): answers Q1, F
/// and I from its state, takes the test, beeper and shutdown commands (and shows them in the status bits),
/// echoes what it does not know, and can be made silent or to answer garbage. Every command it received is
/// kept in <see cref="Received"/>.
/// </summary>
public sealed class MegatecSimulator : IDisposable
{
    readonly SerialPort? _port;
    readonly Thread? _thread;
    readonly List<string> _received = [];
    volatile bool _stop;

    /// <summary>A simulator with no serial line: a USB fake (or any other transport) calls <see cref="Handle"/>.</summary>
    public MegatecSimulator()
    {
    }

    public MegatecSimulator(string device)
    {
        _port = new SerialPort(device, 2400, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            Encoding = Encoding.Latin1,
            NewLine = "\r",
            ReadTimeout = 200,
        };
        _port.Open();
        _thread = new Thread(Serve) { IsBackground = true, Name = "megatec-sim" };
        _thread.Start();
    }

    public double InputVoltage { get; set; } = 229.0;
    public double FaultVoltage { get; set; } = 229.0;
    public double OutputVoltage { get; set; } = 229.0;
    public int Load { get; set; } = 12;
    public double Frequency { get; set; } = 50.0;
    public double BatteryVoltage { get; set; } = 27.3;
    public double Temperature { get; set; } = 25.0;
    public bool UtilityFail { get; set; }
    public bool BatteryLow { get; set; }
    public bool Beeper { get; set; } = true;
    /// <summary>Bit 5: the AVR is bypassing, boosting or bucking (the driver tells which from the voltages).</summary>
    public bool Avr { get; set; }
    public bool Testing { get; set; }
    public bool ShutdownPending { get; set; }
    /// <summary>Bit 4 (position 41 of the answer): the UPS reports a failure.</summary>
    public bool UpsFailed { get; set; }

    /// <summary>Say nothing at all (a cable pulled out).</summary>
    public bool Silent { get; set; }

    /// <summary>Answer every Q1 with this exact line instead of one built from the properties (e.g. from a device dump).</summary>
    public string? RawStatus { get; set; }

    /// <summary>Answer every Q1 with this instead (a confused device).</summary>
    public string? Garbage { get; set; }

    public string Ratings { get; set; } = "#230.0 004 024.0 50.0";
    public string Identity { get; set; } = "#SIMULATED INC.  UPS-1000VA SIM-1.00  ";

    /// <summary>The commands answered with the status line: Q1 for Megatec (QS for Mustek, D for old firmware...).</summary>
    public HashSet<string> StatusCommands { get; } = new(StringComparer.Ordinal) { "Q1" };

    /// <summary>More queries this device answers (a protocol variant, see <see cref="ProtocolVariants"/>): looked up
    /// before the Megatec ones.</summary>
    public Dictionary<string, string> ExtraAnswers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    /// <summary>The Q1 answer for the current state.</summary>
    public string Q1()
    {
        var bits = new StringBuilder(8);
        foreach (bool b in new[] { UtilityFail, BatteryLow, Avr, UpsFailed, true, Testing, ShutdownPending, Beeper })
            bits.Append(b ? '1' : '0');
        return string.Create(CultureInfo.InvariantCulture,
            $"({InputVoltage:000.0} {FaultVoltage:000.0} {OutputVoltage:000.0} {Load:000} {Frequency:00.0} {BatteryVoltage:00.0} {Temperature:00.0} {bits}");
    }

    void Serve()
    {
        while (!_stop)
        {
            string command;
            try
            {
                command = _port!.ReadLine();
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
                _port!.Write(reply + "\r");
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
        return Silent ? null : Answer(command);
    }

    string? Answer(string command)
    {
        if (StatusCommands.Contains(command))
            return Garbage ?? RawStatus ?? Q1();
        if (ExtraAnswers.TryGetValue(command, out string? extra))
            return extra;
        switch (command)
        {
            case "F": return Ratings;
            case "I": return Identity;
            case "Q": Beeper = !Beeper; return null;
            case "T" or "TL": Testing = true; return null;
            case "CT": Testing = false; return null;
            case "C": ShutdownPending = false; return null;
        }
        if (command.Length == 3 && command[0] == 'T' && char.IsAsciiDigit(command[1]) && char.IsAsciiDigit(command[2]))
        {
            Testing = true;
            return null;
        }
        if (command.StartsWith('S') && command.Length > 1)
        {
            ShutdownPending = true;
            return null;
        }
        return command; // unknown: echoed, as Megatec devices do
    }

    public void Dispose()
    {
        _stop = true;
        _thread?.Join(2000);
        _port?.Dispose();
    }
}
