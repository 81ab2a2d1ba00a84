using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>One MONITOR line: which UPS, how much power it gives this machine, and as whom to log in.</summary>
public sealed record MonitorEntry(string UpsName, string Host, int Port, int PowerValue, string User, string Password,
    bool IsPrimary, int Line)
{
    /// <summary>The <c>ups@host[:port]</c> text as written.</summary>
    public required string System { get; init; }
}

/// <summary>
/// upsmon.conf (spec/config-files.md §5, spec/upsmon.md). Keywords are case-sensitive (DEBUG_MIN excepted);
/// an unknown directive is a warning "&lt;file&gt; line &lt;n&gt;: invalid directive ..."; a MONITOR line that
/// cannot be used is an error naming the line and what was expected.
/// </summary>
public sealed class UpsmonConf
{
    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<MonitorEntry> _monitors = [];
    readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, NotifyFlags> _flags = new(StringComparer.OrdinalIgnoreCase);

    public string FileName { get; }
    UpsmonConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public bool HasErrors => _diagnostics.Any(d => d.IsError);
    public IReadOnlyList<MonitorEntry> Monitors => _monitors;
    public int MinSupplies { get; private set; } = 1;
    public string? ShutdownCmd { get; private set; }
    public string? NotifyCmd { get; private set; }
    public string? PowerDownFlag { get; private set; }
    public int PollFreq { get; private set; } = 5;
    public int PollFreqAlert { get; private set; } = 5;
    public int HostSync { get; private set; } = 15;
    public int DeadTime { get; private set; } = 15;
    public int RbWarnTime { get; private set; } = 43200;
    public int NoCommWarnTime { get; private set; } = 300;
    public int FinalDelay { get; private set; } = 5;
    public string? RunAsUser { get; private set; }
    public string? CertPath { get; private set; }
    public (string Name, string Password)? CertIdent { get; private set; }
    public List<(string Host, string Name, bool Verify, bool ForceSsl)> CertHosts { get; } = [];
    public bool CertVerify { get; private set; }
    public bool ForceSsl { get; private set; }
    public int? DebugMin { get; private set; }
    /// <summary>Newer directives, accepted with NUT's defaults.</summary>
    public int OffDuration { get; private set; } = 30;
    public int OverDuration { get; private set; } = -1;
    public int ObLbDuration { get; private set; }
    public bool AlarmCritical { get; private set; } = true;
    public string? ShutdownExit { get; private set; }

    /// <summary>The message for a notification type: NOTIFYMSG if given, else NUT's stock text.</summary>
    public string Message(string type) => _messages.TryGetValue(type, out var m) ? m : NotifyTypes.Find(type)?.DefaultMessage ?? type;

    /// <summary>The flags for a notification type: NOTIFYFLAG if given, else NUT's default.</summary>
    public NotifyFlags Flags(string type) => _flags.TryGetValue(type, out var f) ? f : NotifyTypes.Find(type)?.DefaultFlags ?? NotifyFlags.Syslog;

    public static UpsmonConf Load(string path) => Parse(path, ConfigFile.ReadBytes(path));

    public static UpsmonConf Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsmonConf(fileName);
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
            conf.Apply(line.Words, line.LineNumber);
        return conf;
    }

    void Apply(string[] w, int line)
    {
        string key = w[0];
        if (key.Equals("DEBUG_MIN", StringComparison.OrdinalIgnoreCase) && w.Length >= 2)
        {
            DebugMin = CInt.Atoi(w[1]);
            return;
        }
        if (w.Length < 2)
        {
            Invalid(w, line);
            return;
        }
        switch (key)
        {
            case "MONITOR": Monitor(w, line); return;
            case "MINSUPPLIES": MinSupplies = Number(w[1], line, key, MinSupplies, allowNegative: false); return;
            case "SHUTDOWNCMD": ShutdownCmd = w[1]; return;
            case "NOTIFYCMD": NotifyCmd = w[1]; return;
            case "POWERDOWNFLAG": PowerDownFlag = w[1]; return;
            case "POLLFREQ": PollFreq = Number(w[1], line, key, PollFreq); return;
            case "POLLFREQALERT": PollFreqAlert = Number(w[1], line, key, PollFreqAlert); return;
            case "HOSTSYNC": HostSync = Number(w[1], line, key, HostSync); return;
            case "DEADTIME": DeadTime = Number(w[1], line, key, DeadTime); return;
            case "RBWARNTIME": RbWarnTime = Number(w[1], line, key, RbWarnTime); return;
            case "NOCOMMWARNTIME": NoCommWarnTime = Number(w[1], line, key, NoCommWarnTime); return;
            case "FINALDELAY": FinalDelay = Number(w[1], line, key, FinalDelay); return;
            case "RUN_AS_USER": RunAsUser = w[1]; return;
            case "CERTPATH": CertPath = w[1]; return;
            case "CERTIDENT" when w.Length >= 3: CertIdent = (w[1], w[2]); return;
            case "CERTHOST" when w.Length >= 5: CertHosts.Add((w[1], w[2], CInt.Atoi(w[3]) != 0, CInt.Atoi(w[4]) != 0)); return;
            case "CERTVERIFY": CertVerify = CInt.Atoi(w[1]) != 0; return;
            case "FORCESSL": ForceSsl = CInt.Atoi(w[1]) != 0; return;
            case "OFFDURATION": OffDuration = CInt.Atoi(w[1]); return;
            case "OVERDURATION": OverDuration = CInt.Atoi(w[1]); return;
            case "OBLBDURATION": ObLbDuration = CInt.Atoi(w[1]); return;
            case "ALARMCRITICAL": AlarmCritical = UpsdConf.ParseBool(w[1]) ?? true; return;
            case "SHUTDOWNEXIT": ShutdownExit = w[1]; return;
            case "POLLFAIL_LOG_THROTTLE_MAX": return;
            case "NOTIFYMSG" when w.Length >= 3:
                if (NotifyTypes.Find(w[1]) is null) Warn(line, $"NOTIFYMSG: unknown notify type {w[1]}: expected one of {string.Join(", ", NotifyTypes.All.Select(t => t.Name))}");
                else _messages[w[1]] = w[2];
                return;
            case "NOTIFYFLAG" when w.Length >= 3:
                NotifyFlag(w[1], w[2], line);
                return;
        }
        Invalid(w, line);
    }

    void Monitor(string[] w, int line)
    {
        if (w.Length < 6)
        {
            Error(line, "MONITOR needs 5 words after it: <ups>@<host>[:<port>] <powervalue> <user> <password> <primary|secondary>"
                + (w.Length == 5 ? " (the old 4-word form without a user name is no longer accepted)" : ""));
            return;
        }
        string system = w[1];
        int at = system.IndexOf('@');
        string upsName = at < 0 ? system : system[..at];
        string hostPart = at < 0 ? "localhost" : system[(at + 1)..];
        string host = hostPart;
        int port = NutPaths.DefaultPort;
        int colon = hostPart.LastIndexOf(':');
        if (hostPart.StartsWith('['))
        {
            int close = hostPart.IndexOf(']');
            host = close > 0 ? hostPart[1..close] : hostPart;
            if (close > 0 && close + 1 < hostPart.Length && hostPart[close + 1] == ':') port = CInt.Atoi(hostPart.AsSpan(close + 2));
        }
        else if (colon >= 0)
        {
            host = hostPart[..colon];
            port = CInt.Atoi(hostPart.AsSpan(colon + 1));
        }
        if (port < 1 || port > 65535)
        {
            Error(line, $"MONITOR {system}: expected a port from 1 to 65535 after ':'");
            return;
        }
        if (!CInt.StartsWithDigit(w[2]) || CInt.Atoi(w[2]) < 0)
        {
            Error(line, $"MONITOR {system}: the power value must be a number 0 or above, got '{w[2]}'");
            return;
        }
        bool primary;
        switch (w[5].ToLowerInvariant())
        {
            case "primary" or "master": primary = true; break;
            case "secondary" or "slave": primary = false; break;
            default:
                Error(line, $"MONITOR {system}: expected primary or secondary (or master/slave), got '{w[5]}'");
                return;
        }
        if (_monitors.Any(m => m.System == system))
        {
            Warn(line, $"Warning: ignoring duplicate MONITOR line for {system}");
            return;
        }
        _monitors.Add(new MonitorEntry(upsName, host, port, CInt.Atoi(w[2]), w[3], w[4], primary, line) { System = system });
    }

    void NotifyFlag(string type, string flags, int line)
    {
        if (NotifyTypes.Find(type) is null)
        {
            Warn(line, $"NOTIFYFLAG: unknown notify type {type}: expected one of {string.Join(", ", NotifyTypes.All.Select(t => t.Name))}");
            return;
        }
        var result = NotifyFlags.None;
        foreach (var word in flags.Split('+'))
        {
            result |= word switch
            {
                "SYSLOG" => NotifyFlags.Syslog,
                "WALL" => NotifyFlags.Wall,
                "EXEC" => NotifyFlags.Exec,
                "IGNORE" => NotifyFlags.Ignore,
                _ => Bad(word),
            };
        }
        _flags[type] = result;

        NotifyFlags Bad(string word)
        {
            Warn(line, $"NOTIFYFLAG {type}: unknown flag {word}: expected SYSLOG, WALL, EXEC or IGNORE joined with +");
            return NotifyFlags.None;
        }
    }

    int Number(string text, int line, string key, int fallback, bool allowNegative = true)
    {
        if (!CInt.StartsWithDigit(text) && !(allowNegative && text.StartsWith('-')))
        {
            Error(line, $"{key}: expected a number of seconds, got '{text}'");
            return fallback;
        }
        int n = CInt.Atoi(text);
        return !allowNegative && n < 0 ? fallback : n;
    }

    void Invalid(string[] w, int line) => Warn(line, $"{FileName} line {line}: invalid directive {string.Join(' ', w)}");
    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message, IsError: true));
}
