using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>One MONITOR line: which UPS, how much power it gives this machine, and as whom to log in.</summary>
public sealed record MonitorEntry(string UpsName, string Host, int Port, int PowerValue, string User, string Password,
    bool IsPrimary, int Line)
{
    /// <summary>The <c>ups@host[:port]</c> text as written (upsmon's name for the UPS in messages and UPSNAME).</summary>
    public required string System { get; init; }

    /// <summary>Why the system name cannot be split (NUT's splitaddr message), or null. NUT keeps such a UPS —
    /// it counts in the power sum — and fails at every connection attempt.</summary>
    public string? AddressError { get; init; }
}

/// <summary>
/// upsmon.conf (spec/config-files.md §5, spec/upsmon.md), read as NUT 2.8.0's upsmon reads it — every message
/// below was checked against Debian's upsmon. Keywords are case-sensitive, DEBUG_MIN excepted. A directive with
/// too few words, or unknown, gets "&lt;file&gt; line &lt;n&gt;: invalid directive ..." (n counted NUT's way, see
/// <see cref="TokenizedLine.NutLineNumber"/>). Only an old-style 5-word MONITOR line is fatal (<see cref="Fatal"/>,
/// and reading stops there as upsmon does); everything else NUT tolerates is a warning. Numbers are read like C's atoi, as NUT does, with a warning of our
/// own when the text is not a plain number. Newer directives (SHUTDOWNEXIT, OFFDURATION, ...) are accepted,
/// although 2.8.0 calls them invalid, so that files written for later releases load.
/// </summary>
public sealed class UpsmonConf
{
    /// <summary>NUT's two lines for a MONITOR line without a user name (the first is the diagnostic's message).</summary>
    public const string OldStyleMonitorMessage = "Unable to use old-style MONITOR line without a username";
    public const string OldStyleMonitorHint = "Convert it and add a username to upsd.users - see the documentation";

    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<MonitorEntry> _monitors = [];
    readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, NotifyFlags> _flags = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public string FileName { get; }

    UpsmonConf(string fileName, UpsmonConf? previous)
    {
        FileName = fileName;
        if (previous is null)
            return;
        // NUT reloads by parsing the file over its current settings: a directive deleted from the file keeps
        // the value it had. Monitors and CERTHOST lines are rebuilt from the file.
        foreach (var (k, v) in previous._messages) _messages[k] = v;
        foreach (var (k, v) in previous._flags) _flags[k] = v;
        MinSupplies = previous.MinSupplies;
        ShutdownCmd = previous.ShutdownCmd;
        NotifyCmd = previous.NotifyCmd;
        PowerDownFlag = previous.PowerDownFlag;
        PollFreq = previous.PollFreq;
        PollFreqAlert = previous.PollFreqAlert;
        HostSync = previous.HostSync;
        DeadTime = previous.DeadTime;
        RbWarnTime = previous.RbWarnTime;
        NoCommWarnTime = previous.NoCommWarnTime;
        FinalDelay = previous.FinalDelay;
        RunAsUser = previous.RunAsUser;
        CertPath = previous.CertPath;
        CertIdent = previous.CertIdent;
        CertVerify = previous.CertVerify;
        ForceSsl = previous.ForceSsl;
        DebugMin = previous.DebugMin;
        OffDuration = previous.OffDuration;
        OverDuration = previous.OverDuration;
        ObLbDuration = previous.ObLbDuration;
        AlarmCritical = previous.AlarmCritical;
        ShutdownExit = previous.ShutdownExit;
        PollFailLogThrottleMax = previous.PollFailLogThrottleMax;
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    /// <summary>True when upsmon must refuse the file ("Fatal error: unusable configuration"), or a line was lost
    /// to a parse error (NUT only logs those: check <see cref="ConfigDiagnostic.Message"/>'s "Parse error: ").</summary>
    public bool HasErrors => _diagnostics.Any(d => d.IsError);
    public IReadOnlyList<MonitorEntry> Monitors => _monitors;
    /// <summary>The line upsmon stops at ("Fatal error: unusable configuration"), or null. Reading stops there too.</summary>
    public ConfigDiagnostic? Fatal { get; private set; }
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

    /// <summary>SHUTDOWNRULE lines (a NutSharp extension; rebuilt from the file on reload, like MONITOR).</summary>
    public List<ShutdownRule> ShutdownRules { get; } = [];

    /// <summary>SHUTDOWNTIME lines (a NutSharp extension): how long this machine and each secondary take to shut
    /// down, for the battery-health budget (nut-health, upsweb). Rebuilt from the file on reload.</summary>
    public List<Nut.Core.Health.ShutdownTime> ShutdownTimes { get; } = [];

    /// <summary>NOTIFYCHANNEL lines (a NutSharp extension).</summary>
    public List<NotifyChannelSpec> Channels { get; } = [];

    /// <summary>NOTIFYSEND lines (a NutSharp extension): empty means every channel gets every notification.</summary>
    public List<NotifySendRule> ChannelRoutes { get; } = [];

    /// <summary>The channels a notification of <paramref name="type"/> goes to.</summary>
    public IEnumerable<string> ChannelsFor(string type) =>
        ChannelRoutes.Count == 0 ? Channels.Select(c => c.Name)
            : ChannelRoutes.Where(r => r.Matches(type)).SelectMany(r => r.Channels).Distinct(StringComparer.Ordinal);
    public bool CertVerify { get; private set; }
    public bool ForceSsl { get; private set; }
    public int? DebugMin { get; private set; }
    /// <summary>Newer directives, accepted with the defaults of the releases that added them.</summary>
    public int OffDuration { get; private set; } = 30;
    public int OverDuration { get; private set; } = -1;
    public int ObLbDuration { get; private set; }
    public bool AlarmCritical { get; private set; } = true;
    public string? ShutdownExit { get; private set; }
    public int? PollFailLogThrottleMax { get; private set; }

    /// <summary>The message for a notification type: NOTIFYMSG if given, else NUT's stock text.</summary>
    public string Message(string type) => _messages.TryGetValue(type, out var m) ? m : NotifyTypes.Find(type)?.DefaultMessage ?? type;

    /// <summary>The flags for a notification type: NOTIFYFLAG if given, else NUT's default.</summary>
    public NotifyFlags Flags(string type) => _flags.TryGetValue(type, out var f) ? f : NotifyTypes.Find(type)?.DefaultFlags ?? NotifyFlags.Syslog;

    /// <summary>True when the file set the message or flags of <paramref name="type"/> (NOTIFYMSG / NOTIFYFLAG).</summary>
    public bool HasCustomMessage(string type) => _messages.ContainsKey(type);
    public bool HasCustomFlags(string type) => _flags.ContainsKey(type);

    /// <summary>The line of the last line starting with <paramref name="directive"/> (e.g. SHUTDOWNCMD), or 0 when
    /// the file has none: the config checker points at it.</summary>
    public int LineOf(string directive) => _lines.TryGetValue(directive, out int line) ? line : 0;

    /// <summary>Reads the file; <paramref name="previous"/> (a reload) supplies the values the file does not set.</summary>
    public static UpsmonConf Load(string path, UpsmonConf? previous = null) => Parse(path, ConfigFile.ReadBytes(path), previous);

    public static UpsmonConf Parse(string fileName, ReadOnlySpan<byte> content, UpsmonConf? previous = null)
    {
        var conf = new UpsmonConf(fileName, previous);
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
        {
            conf.Apply(line);
            if (conf.Fatal is not null)
                break; // upsmon exits on the spot: it never reads the lines after
        }
        conf.CheckChannelRoutes();
        return conf;
    }

    void Apply(TokenizedLine tokenized)
    {
        string[] w = tokenized.Words;
        int line = tokenized.LineNumber;
        string key = w[0];
        _lines[key] = line;
        if (key.Equals("DEBUG_MIN", StringComparison.OrdinalIgnoreCase) && w.Length >= 2)
        {
            if (int.TryParse(w[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int level) && level >= 0)
                DebugMin = level;
            else
                Warn(line, "WARNING : Invalid DEBUG_MIN value found in upsmon.conf global settings");
            return;
        }
        if (key == ShutdownRule.Directive)
        {
            if (ShutdownRule.Parse(w, line, out string? error) is { } rule)
                ShutdownRules.Add(rule);
            else
            {
                // A safety rule that was asked for and cannot be understood must not be silently dropped.
                Fatal = new ConfigDiagnostic(FileName, line, $"{ShutdownRule.Directive}: {error}", IsError: true);
                _diagnostics.Add(Fatal);
            }
            return;
        }
        if (key == Nut.Core.Health.ShutdownTime.Directive)
        {
            // Advice only (nothing shuts down by it): a bad line is reported and skipped, never fatal.
            if (Nut.Core.Health.ShutdownTime.Parse(w, line, out string? error) is { } time)
                ShutdownTimes.Add(time);
            else
                _diagnostics.Add(new ConfigDiagnostic(FileName, line, $"{Nut.Core.Health.ShutdownTime.Directive}: {error}", IsError: true));
            return;
        }
        if (key == NotifyChannelSpec.Directive)
        {
            if (NotifyChannelSpec.Parse(w, line, out string? error) is { } channel)
            {
                if (Channels.Any(c => c.Name == channel.Name))
                    Error(line, $"{NotifyChannelSpec.Directive} {channel.Name}: a channel of that name is already defined (line {Channels.First(c => c.Name == channel.Name).Line})");
                else
                    Channels.Add(channel);
            }
            else
                Error(line, $"{NotifyChannelSpec.Directive}: {error}");
            return;
        }
        if (key == NotifyChannelSpec.SendDirective)
        {
            if (w.Length != 3)
                Error(line, $"{NotifyChannelSpec.SendDirective}: expected {NotifyChannelSpec.SendDirective} <type|*> <channel>[,<channel>...]");
            else if (w[1] != "*" && NotifyTypes.Find(w[1]) is null)
                Error(line, $"{NotifyChannelSpec.SendDirective}: '{w[1]}' is not a notification type (ONLINE, ONBATT, LOWBATT, ... or *)");
            else
                ChannelRoutes.Add(new NotifySendRule(w[1], w[2].Split(',', StringSplitOptions.RemoveEmptyEntries), line));
            return;
        }
        if (w.Length >= 2 && ApplyTwoWords(w, line))
            return;
        if (w.Length >= 3 && ApplyThreeWords(w, line))
            return;
        if (w.Length >= 5 && ApplyFiveWords(w, line))
            return;
        Warn(line, $"{FileName} line {tokenized.NutLineNumber}: invalid directive {string.Join(' ', w)}");
    }

    bool ApplyTwoWords(string[] w, int line)
    {
        string key = w[0], value = w[1];
        switch (key)
        {
            case "SHUTDOWNCMD": ShutdownCmd = value; return true;
            case "NOTIFYCMD": NotifyCmd = value; return true;
            case "POWERDOWNFLAG": PowerDownFlag = value; return true;
            case "RUN_AS_USER": RunAsUser = value; return true;
            case "CERTPATH": CertPath = value; return true;
            case "CERTVERIFY": CertVerify = Number(key, value, line) != 0; return true;
            case "FORCESSL": ForceSsl = Number(key, value, line) != 0; return true;
            case "POLLFREQ": PollFreq = NotNegative(key, value, line, PollFreq); return true;
            case "POLLFREQALERT": PollFreqAlert = NotNegative(key, value, line, PollFreqAlert); return true;
            case "FINALDELAY": FinalDelay = NotNegative(key, value, line, FinalDelay); return true;
            case "MINSUPPLIES": MinSupplies = NotNegative(key, value, line, MinSupplies); return true;
            case "HOSTSYNC": HostSync = Number(key, value, line); return true;
            case "DEADTIME": DeadTime = Number(key, value, line); return true;
            case "RBWARNTIME": RbWarnTime = Number(key, value, line); return true;
            case "NOCOMMWARNTIME": NoCommWarnTime = Number(key, value, line); return true;
            // Later releases' directives (2.8.0 calls them invalid).
            case "SHUTDOWNEXIT": ShutdownExit = value; return true;
            case "OFFDURATION": OffDuration = Number(key, value, line); return true;
            case "OVERDURATION": OverDuration = Number(key, value, line); return true;
            case "OBLBDURATION": ObLbDuration = Number(key, value, line); return true;
            case "ALARMCRITICAL": AlarmCritical = UpsdConf.ParseBool(value) ?? true; return true;
            case "POLLFAIL_LOG_THROTTLE_MAX": PollFailLogThrottleMax = Number(key, value, line); return true;
        }
        return false;
    }

    bool ApplyThreeWords(string[] w, int line)
    {
        switch (w[0])
        {
            case "NOTIFYMSG":
                if (NotifyTypes.Find(w[1]) is null)
                    Warn(line, $"'{w[1]}' is not a valid notify event name");
                else
                    _messages[w[1]] = w[2];
                return true;
            case "NOTIFYFLAG":
                NotifyFlag(w[1], w[2], line);
                return true;
            case "CERTIDENT":
                CertIdent = (w[1], w[2]);
                return true;
        }
        return false;
    }

    bool ApplyFiveWords(string[] w, int line)
    {
        switch (w[0])
        {
            case "CERTHOST":
                CertHosts.Add((w[1], w[2], Number(w[0], w[3], line) != 0, Number(w[0], w[4], line) != 0));
                return true;
            case "MONITOR" when w.Length == 5:
                Fatal = new ConfigDiagnostic(FileName, line, OldStyleMonitorMessage, IsError: true);
                _diagnostics.Add(Fatal);
                return true;
            case "MONITOR":
                Monitor(w, line);
                return true;
        }
        return false;
    }

    void Monitor(string[] w, int line)
    {
        string system = w[1];
        int powerValue = Number("MONITOR " + system + " power value", w[2], line);
        if (powerValue < 0)
        {
            Warn(line, $"UPS [{system}]: ignoring invalid power value [{w[2]}]");
            return;
        }
        if (_monitors.Any(m => m.System == system))
        {
            Warn(line, $"Warning: ignoring duplicate UPS [{system}]");
            return;
        }
        bool primary;
        switch (w[5].ToLowerInvariant())
        {
            case "primary" or "master": primary = true; break;
            case "secondary" or "slave": primary = false; break;
            default:
                Warn(line, $"MONITOR {system}: expected primary or secondary (or master/slave), got '{w[5]}': NUT takes it as secondary");
                primary = false;
                break;
        }
        var name = SystemName.Split(system);
        if (name.Error is not null)
            Warn(line, $"MONITOR {system}: {name.Error}: expected <upsname>@<host>[:<port>] with a port from 1 to 65535 (upsmon keeps the UPS but cannot connect to it)");
        _monitors.Add(new MonitorEntry(name.UpsName, name.Host, name.Port, powerValue, w[3], w[4], primary, line)
        {
            System = system,
            AddressError = name.Error,
        });
    }

    void NotifyFlag(string type, string flags, int line)
    {
        if (NotifyTypes.Find(type) is null)
        {
            Warn(line, $"Warning: invalid notify type [{type}]");
            return;
        }
        var result = NotifyFlags.None;
        foreach (var word in flags.Split('+'))
        {
            switch (word)
            {
                case "SYSLOG": result |= NotifyFlags.Syslog; break;
                case "WALL": result |= NotifyFlags.Wall; break;
                case "EXEC": result |= NotifyFlags.Exec; break;
                case "IGNORE": result |= NotifyFlags.Ignore; break;
                default: Warn(line, $"Invalid notify flag: [{word}]"); break;
            }
        }
        _flags[type] = result;
    }

    /// <summary>C's atoi, as NUT reads numbers; a warning of ours when the text is not a plain number.</summary>
    int Number(string what, string text, int line)
    {
        int n = CInt.Atoi(text);
        if (!IsPlainInteger(text))
            Warn(line, $"{what}: expected a whole number, got '{text}' (NUT reads it as {n})");
        return n;
    }

    /// <summary>NUT ignores a negative POLLFREQ, POLLFREQALERT, FINALDELAY or MINSUPPLIES and keeps the value it had.</summary>
    int NotNegative(string key, string text, int line, int current)
    {
        int n = Number(key, text, line);
        if (n >= 0)
            return n;
        Warn(line, $"Ignoring invalid {key} value: {n}");
        return current;
    }

    static bool IsPlainInteger(string s)
    {
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i == s.Length)
            return false;
        for (; i < s.Length; i++)
            if (s[i] is < '0' or > '9')
                return false;
        return true;
    }

    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message, IsError: true));

    /// <summary>Checks what can only be checked once the whole file is read: NOTIFYSEND naming a channel that
    /// no NOTIFYCHANNEL defines.</summary>
    void CheckChannelRoutes()
    {
        foreach (var route in ChannelRoutes)
            foreach (var name in route.Channels)
                if (!Channels.Any(c => c.Name == name))
                    Error(route.Line, $"{NotifyChannelSpec.SendDirective}: no {NotifyChannelSpec.Directive} is called '{name}'");
    }
}
