using System.Globalization;
using System.IO.Ports;
using System.Text;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// An APC Smart-UPS on the device end of a <see cref="PtyPair"/> (testdata/serial/apcsmart.md): answers the
/// single-character queries from <see cref="Values"/>, 'Q' from <see cref="Status"/>, 'a' and ^Z from its command
/// and capability lists; steps writable values with '-', takes '-' + 8 characters for the two strings, '@nnn', and
/// the "nasty" commands only when sent twice. Can send alerts, be silent, answer half a line or noise.
/// Every byte it received is kept in <see cref="Received"/>.
/// </summary>
public sealed class ApcSmartSimulator : IDisposable
{
    readonly SerialPort _port;
    readonly Thread _thread;
    readonly StringBuilder _received = new();
    readonly object _lock = new();
    volatile bool _stop;
    char _lastQuery;
    DateTime _firstNasty = DateTime.MinValue;
    char _nasty;

    public ApcSmartSimulator(string device)
    {
        _port = new SerialPort(device, 2400, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            Encoding = Encoding.Latin1,
            ReadTimeout = 100,
        };
        _port.Open();
        _thread = new Thread(Serve) { IsBackground = true, Name = "apcsmart-sim" };
        _thread.Start();
    }

    /// <summary>Status byte bits (as 'Q' reports them).</summary>
    public const int Cal = 1, Trim = 2, Boost = 4, OL = 8, OB = 16, Over = 32, LB = 64, RB = 128;

    public int Status { get; set; } = OL;

    /// <summary>Answers to the queries, by command character (a missing one answers NA).</summary>
    public Dictionary<char, string> Values { get; } = new()
    {
        ['\u0001'] = "SMART-UPS 1500", ['n'] = "AS0123456789", ['b'] = "601.3.I", ['m'] = "11/29/96", ['x'] = "11/29/96",
        ['c'] = "UPS_IDEN", ['f'] = "100.0", ['B'] = "27.36", ['g'] = "024", ['j'] = "0047:", ['L'] = "121.5",
        ['M'] = "121.6", ['N'] = "119.4", ['F'] = "60.00", ['O'] = "121.5", ['o'] = "115", ['P'] = "019.5",
        ['C'] = "029.7", ['G'] = "O", ['X'] = "OK", ['l'] = "103", ['u'] = "132", ['s'] = "H", ['e'] = "00",
        ['r'] = "000", ['p'] = "020", ['q'] = "02", ['k'] = "0", ['E'] = "336", ['9'] = "FF", ['>'] = "000",
    };

    /// <summary>The command characters 'a' reports (queries, commands and the internal ones).</summary>
    public string CommandSet { get; set; } = "\u0001\u000e\u001a@ABDEFGKLMNOPQSUWXYZ9>bcefgjklmnopqrsuxy";

    /// <summary>The ^Z capability list ('#', then entries of char, locale, count, length, values).</summary>
    public string Capabilities { get; set; } = "#u443127130132136l443097100103106s441HMLAE443336168ON OFFp443020180300600r443000060180300q44202050710k4410TLN";

    /// <summary>
    /// Turns this unit into a Matrix-UPS: its own queries (output current, battery packs, display language, contacts,
    /// ambient sensor), the bypass command, and a ^Z list in the Matrix format, where every entry starts with "##"
    /// instead of one '#' before them all. The list has entries for this unit's locale ('I', the firmware's last
    /// character), for all locales ('4'), and one for another locale ('D') that the driver must skip. The values
    /// are simulated, not a real unit's.
    /// </summary>
    public void BecomeMatrixUps()
    {
        Values['\u0001'] = "MATRIX-UPS 5000";
        Values['b'] = "260.9.I";
        Values['o'] = "230";
        Values['u'] = "253";
        Values['l'] = "208";
        foreach (var (c, v) in new[] { ('/', "09.31"), ('>', "003"), ('<', "000"), ('\u000c', "E"), ('i', "F0"), ('v', "4Kx"), ('h', "019.2"), ('t', "24.13") })
            Values[c] = v;
        CommandSet += "/><\u000civht^";
        Capabilities = CapabilityList(matrix: true,
            ('u', 'I', ["253", "257", "261", "265"]), ('l', 'I', ["196", "200", "204", "208"]), ('u', 'D', ["127", "130", "133", "136"]),
            ('o', 'I', ["220", "225", "230", "240"]), ('s', '4', ["H", "M", "L"]), ('\u000c', '4', ["E", "F", "G", "S"]),
            ('p', '4', ["020", "180", "300", "600"]), ('r', '4', ["000", "060", "180", "300"]), ('q', '4', ["02", "05", "07", "10"]),
            ('k', '4', ["0", "T", "L", "N"]), ('E', '4', ["336", "168", "ON ", "OFF"]));
    }

    /// <summary>A ^Z answer: entries of command, locale, count and length (as '0' + n) and the values; the Smart
    /// format puts one '#' in front, the Matrix format "##" in front of every entry.</summary>
    public static string CapabilityList(bool matrix, params (char Command, char Locale, string[] Values)[] entries)
    {
        var sb = new StringBuilder(matrix ? "" : "#");
        foreach (var (command, locale, values) in entries)
        {
            if (matrix)
                sb.Append("##");
            sb.Append(command).Append(locale).Append((char)('0' + values.Length)).Append((char)('0' + values[0].Length));
            foreach (var v in values)
                sb.Append(v);
        }
        return sb.ToString();
    }

    /// <summary>Answer 'Q' with this instead of the status byte (a confused unit).</summary>
    public string? StatusReply { get; set; }

    /// <summary>Answer 'a' with NA (an old unit that only the firmware table knows).</summary>
    public bool NoCommandSet { get; set; }

    /// <summary>Say nothing at all (a cable pulled out).</summary>
    public bool Silent { get; set; }

    /// <summary>Answer every query with this and no line end (line noise, or a reply cut short).</summary>
    public string? Noise { get; set; }

    /// <summary>Put this alert character in the middle of the next reply line.</summary>
    public char? AlertInNextReply { get; set; }

    /// <summary>Everything the host sent, in order.</summary>
    public string Received { get { lock (_lock) return _received.ToString(); } }

    public void ClearReceived() { lock (_lock) _received.Clear(); }

    /// <summary>Sends an alert character on its own, as a UPS does when something happens.</summary>
    public void SendAlert(char alert)
    {
        lock (_lock)
            _port.Write(alert.ToString());
    }

    /// <summary>
    /// Sets the answers from a upsc dump of a unit driven by apcsmart (testdata/ddl): each variable the protocol
    /// carries goes back to the query that gives it, in the unit's own format (seconds back to minutes or hours).
    /// Returns the NUT names it used.
    /// </summary>
    public List<string> LoadDump(IReadOnlyDictionary<string, string> dump)
    {
        Values.Clear();
        var used = new List<string>();
        foreach (var (name, value) in dump)
        {
            if (!DumpMap.TryGetValue(name, out char c))
                continue;
            Values[c] = name switch
            {
                "battery.runtime" => (long.Parse(value, CultureInfo.InvariantCulture) / 60).ToString("0000", CultureInfo.InvariantCulture) + ":",
                "battery.runtime.low" => (long.Parse(value, CultureInfo.InvariantCulture) / 60).ToString("00", CultureInfo.InvariantCulture),
                "ups.test.interval" => (long.Parse(value, CultureInfo.InvariantCulture) / 3600).ToString(CultureInfo.InvariantCulture),
                "input.transfer.reason" => Reasons.FirstOrDefault(r => r.Value == value).Key is char k and not '\0' ? k.ToString() : value,
                _ => value,
            };
            used.Add(name);
        }
        // Names older drivers gave to queries 2.8.0 still makes: the answer goes back to its query, not to "used".
        if (!dump.ContainsKey("output.voltage.nominal") && dump.TryGetValue("output.voltage.target.battery", out var target))
            Values['o'] = target;
        if (dump.TryGetValue("ups.firmware.old", out var oldFirmware))
            Values['V'] = oldFirmware;
        if (dump.TryGetValue("ups.firmware", out var fw) && !System.Text.RegularExpressions.Regex.IsMatch(fw, @"^[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9]+$"))
        {
            // Old-style firmware comes from 'V'.
            Values.Remove('b');
            Values['V'] = fw;
        }
        if (dump.TryGetValue("ups.status", out var status))
        {
            Status = 0;
            foreach (var token in status.Split(' '))
                Status |= token switch { "CAL" => Cal, "TRIM" => Trim, "BOOST" => Boost, "OL" => OL, "OB" => OB, "OVER" => Over, "LB" => LB, "RB" => RB, _ => 0 };
        }
        CommandSet = "\u000e@ABDKSUWZQY" + new string(Values.Keys.ToArray());
        Capabilities = "";
        return used;
    }

    /// <summary>The NUT names apcsmart gives each query (the simulator's own copy of the facts).</summary>
    public static readonly IReadOnlyDictionary<string, char> DumpMap = new Dictionary<string, char>
    {
        ["ups.temperature"] = 'C', ["ups.load"] = 'P', ["ups.test.interval"] = 'E', ["ups.test.result"] = 'X',
        ["ups.delay.start"] = 'r', ["ups.delay.shutdown"] = 'p', ["ups.id"] = 'c', ["input.voltage"] = 'L',
        ["input.frequency"] = 'F', ["input.sensitivity"] = 's', ["input.quality"] = '9', ["input.transfer.low"] = 'l',
        ["input.transfer.high"] = 'u', ["input.transfer.reason"] = 'G', ["input.voltage.maximum"] = 'M',
        ["input.voltage.minimum"] = 'N', ["output.current"] = '/', ["output.voltage"] = 'O', ["output.voltage.nominal"] = 'o',
        ["ambient.temperature"] = 't', ["ambient.humidity"] = 'h', ["battery.date"] = 'x', ["battery.charge"] = 'f',
        ["battery.charge.restart"] = 'e', ["battery.voltage"] = 'B', ["battery.voltage.nominal"] = 'g',
        ["battery.runtime"] = 'j', ["battery.runtime.low"] = 'q', ["battery.packs"] = '>', ["battery.packs.bad"] = '<',
        ["battery.alarm.threshold"] = 'k', ["ups.serial"] = 'n', ["ups.mfr.date"] = 'm', ["ups.model"] = '\u0001',
        ["ups.firmware"] = 'b', ["ups.firmware.aux"] = 'v', ["ups.contacts"] = 'i', ["ups.display.language"] = '\u000c',
    };

    /// <summary>Names NUT before 2.8.0 gave to a query, and the name 2.8.0 gives it (the same answer).</summary>
    public static readonly IReadOnlyDictionary<string, string> RenamedSince = new Dictionary<string, string>
    {
        ["output.voltage.target.battery"] = "output.voltage.nominal",
    };

    /// <summary>How 2.8.0 spells out a transfer-reason letter (the letter itself when unknown).</summary>
    public static string ReasonText(char letter) => Reasons.TryGetValue(letter, out var text) ? text : letter.ToString();

    static readonly Dictionary<char, string> Reasons = new()
    {
        ['R'] = "unacceptable utility voltage rate of change", ['H'] = "high utility voltage", ['L'] = "low utility voltage",
        ['T'] = "line voltage notch or spike", ['O'] = "no transfers yet since turnon", ['S'] = "simulated power failure or UPS test",
    };

    void Serve()
    {
        while (!_stop)
        {
            int b;
            try
            {
                b = _port.ReadByte();
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
            if (b < 0)
                return;
            char c = (char)b;
            lock (_lock)
                _received.Append(c);
            if (Silent)
                continue;
            string? reply;
            try
            {
                reply = Noise ?? Answer(c);
            }
            catch (TimeoutException)
            {
                reply = "NA";
            }
            if (reply is null)
                continue;
            if (Noise is null)
            {
                if (AlertInNextReply is char alert)
                {
                    reply = reply.Length > 1 ? reply[..1] + alert + reply[1..] : alert + reply;
                    AlertInNextReply = null;
                }
                reply += "\r\n";
            }
            try
            {
                lock (_lock)
                    _port.Write(reply);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                return;
            }
        }
    }

    /// <summary>Reads the argument bytes that follow a command, as the unit would.</summary>
    string ReadArgument(int count)
    {
        var sb = new StringBuilder();
        var end = DateTime.UtcNow.AddSeconds(2);
        while (sb.Length < count && DateTime.UtcNow < end)
        {
            try
            {
                char c = (char)_port.ReadByte();
                lock (_lock)
                    _received.Append(c);
                sb.Append(c);
            }
            catch (TimeoutException) { }
        }
        if (sb.Length < count)
            throw new TimeoutException();
        return sb.ToString();
    }

    /// <summary>A command that acts only when it comes twice within a few seconds.</summary>
    bool Confirmed(char c)
    {
        bool second = _nasty == c && DateTime.UtcNow - _firstNasty < TimeSpan.FromSeconds(5);
        (_nasty, _firstNasty) = second ? ('\0', DateTime.MinValue) : (c, DateTime.UtcNow);
        return second;
    }

    string? Answer(char c)
    {
        char last = _lastQuery;
        _lastQuery = c;
        switch (c)
        {
            case 'Y': return "SM";
            case 'R': return "BYE";
            case '\u001b': return null;
            case 'Q': return StatusReply ?? Status.ToString("X2", CultureInfo.InvariantCulture);
            case 'a': return NoCommandSet ? "NA" : "3.!$%+?=#|." + CommandSet;
            case '\u001a': return Capabilities.Length > 0 ? Capabilities : "NA";
            case 'W':
                Values['X'] = "OK";
                return "OK";
            case 'A' or 'U': return "OK";
            case 'D':
                Status ^= Cal;
                return "OK";
            case '^': return "BYP";
            case 'S': return (Status & OB) != 0 ? "OK" : "NA";
            case '@':
                // The host waits 200 ms for an NA before it sends the digits.
                ReadArgument(3);
                return "OK";
            case 'K': return Confirmed('K') ? "OK" : null;
            case 'Z' or '\u000e':
                if (Confirmed(c))
                    Status = c == 'Z' ? 0 : OL;
                return null;
            case '-': return Step(last);
        }
        return Values.TryGetValue(c, out var v) ? v : "NA";
    }

    /// <summary>'-' after a query: the next value of that variable from the capability list, or a new string.</summary>
    string Step(char variable)
    {
        _lastQuery = variable;
        if (variable is 'c' or 'x')
        {
            string text = ReadArgument(8);
            Values[variable] = text.TrimEnd('\r');
            return "OK";
        }
        var allowed = AllowedValues(variable);
        if (allowed.Count == 0 || !Values.TryGetValue(variable, out var current))
            return "NO";
        int i = allowed.IndexOf(current);
        Values[variable] = allowed[(i + 1) % allowed.Count];
        return "OK";
    }

    /// <summary>The values ^Z lists for a variable, for this unit's locale (the firmware's last character) or all
    /// ('4'); either format.</summary>
    public List<string> AllowedValues(char variable)
    {
        var list = new List<string>();
        string firmware = Values.GetValueOrDefault('b') ?? Values.GetValueOrDefault('V') ?? "";
        char? unitLocale = firmware.Length > 0 ? firmware[^1] : null;
        string caps = Capabilities;
        bool matrix = caps.StartsWith("##", StringComparison.Ordinal);
        int p = matrix ? 0 : 1;
        while (p + 3 < caps.Length)
        {
            if (matrix && (p += 2) + 3 >= caps.Length)
                break;
            char cmd = caps[p], locale = caps[p + 1];
            int count = caps[p + 2] - '0', length = caps[p + 3] - '0';
            p += 4;
            for (int i = 0; i < count && p + length <= caps.Length; i++, p += length)
                if (cmd == variable && (unitLocale is null || locale == unitLocale || locale == '4'))
                    list.Add(caps.Substring(p, length));
        }
        return list;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(2000);
        _port.Dispose();
    }
}
