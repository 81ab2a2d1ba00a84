using System.Globalization;
using System.Runtime.InteropServices;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Drivers.Host;

/// <summary>
/// The core every driver runs in (NUT's drivers/main.c; spec/drivers.md): the common command line, the
/// ups.conf section, the <c>driver.*</c> variables, the PID file, the socket, the poll loop and signals.
/// </summary>
public sealed class DriverHost
{
    const string OptString = "+a:s:kFBDd:hx:Lqr:u:g:Vi:";

    /// <summary>Keys of a ups.conf section the core handles itself (never "not a valid variable").</summary>
    static readonly HashSet<string> CoreKeys = new(StringComparer.Ordinal)
    {
        "driver", "port", "desc", "sdorder", "sddelay", "user", "group", "synchronous", "debug_min", "pollinterval",
        // Newer cores accept upsdrvctl's own settings in a section; 2.8.0 refused to start (a NUT bug we do not copy).
        "maxstartdelay", "maxretry", "retrydelay", "nowait", "sdcommands", "allow_killpower",
    };

    static readonly HashSet<string> CoreFlags = new(StringComparer.Ordinal) { "nolock", "ignorelb" };

    /// <summary>Core keys that are not published as driver.parameter.*.</summary>
    static readonly HashSet<string> Unpublished = new(StringComparer.Ordinal)
    {
        "driver", "desc", "sdorder", "sddelay", "user", "group", "debug_min", "maxstartdelay", "maxretry",
        "retrydelay", "nowait", "sdcommands", "allow_killpower",
    };

    readonly IUpsDriver _driver;
    readonly TimeProvider _clock;
    readonly DriverState _state = new();
    readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);
    readonly object _driverLock = new();
    string? _upsName;
    string? _user, _group, _chroot;
    int _pollInterval = 2;
    string _synchronous = "auto";
    int _foreground, _debug, _dumpLoops = -1;
    bool _background, _killPower;
    DriverHostContext? _ctx;

    public DriverHost(IUpsDriver driver, TimeProvider? clock = null)
    {
        _driver = driver;
        _clock = clock ?? TimeProvider.System;
    }

    string Prog => _driver.Info.ProgramName;

    public static int Run(IUpsDriver driver, string[] args) => new DriverHost(driver).Run(args);

    public int Run(string[] args)
    {
        SelfPath.Capture();
        Console.Out.Write($"Network UPS Tools - {_driver.Info.LongName} {_driver.Info.Version} ({NutVersion.Release})\n");
        if (_driver.SubDriverBanner is { } sub)
            Console.Out.Write(sub + "\n");
        Console.Out.Flush();
        try
        {
            int? early = ParseCommandLine(args);
            if (early is not null)
                return early.Value;
            return Start(args);
        }
        catch (DriverFatalException e)
        {
            if (e.Message.Length > 0)
                NutLog.Fatal(e.Message);
            Background.ReportFailure(e.ExitCode);
            return e.ExitCode;
        }
    }

    /// <summary>Parses options and configuration. Returns an exit status when the program is done already.</summary>
    int? ParseCommandLine(string[] args)
    {
        var parsed = GetOpt.Parse(args, OptString);
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'V': return 0;
                case 'h': Help(); return 0;
                case 'L': ListSettings(); return 0;
                case 'a':
                    _upsName = arg;
                    ReadUpsConf(arg!);
                    break;
                case 's': _upsName = arg; break;
                case 'x': ApplySetting(arg!.Contains('=') ? arg[..arg.IndexOf('=')] : arg, arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : null, fromCommandLine: true); break;
                case 'k': _killPower = true; break;
                case 'd': _dumpLoops = CInt.Atoi(arg!); break;
                case 'D': _debug++; break;
                case 'F': _foreground++; break;
                case 'B': _background = true; break;
                case 'q': NutLog.Quiet++; break;
                case 'i':
                    _pollInterval = CInt.Atoi(arg!);
                    if (_pollInterval <= 0) throw new DriverFatalException($"Error: invalid polling interval: {arg}");
                    break;
                case 'r': _chroot = arg; break;
                case 'u': _user = arg; break;
                case 'g': _group = arg; break;
                default:
                    Console.Error.Write($"{Prog}: invalid option -- '{(arg is { Length: > 0 } ? arg : "?")}'\n");
                    throw new DriverFatalException("Error: unknown option -?. Try -h for help.");
            }
        }
        if (parsed.Operands.Count > 0)
            throw new DriverFatalException("Error: too many non-option arguments. Try -h for help.");
        if (_upsName is null)
            throw new DriverFatalException("Error: specifying '-a id' or '-s id' is now mandatory. Try -h for help.");
        if (!_values.ContainsKey("port"))
            throw new DriverFatalException("Error: you must specify a port name in ups.conf or in '-x port=...' argument.\nTry -h for help.");
        NutLog.DebugLevel = Math.Max(NutLog.DebugLevel, _debug);
        return null;
    }

    void ReadUpsConf(string section)
    {
        UpsConf conf;
        try
        {
            conf = UpsConf.Load(NutPaths.ConfFile("ups.conf"));
        }
        catch (ConfigException e)
        {
            throw new DriverFatalException(e.Message);
        }
        foreach (var d in conf.Diagnostics)
            NutLog.Warning(d.ToString());
        foreach (var g in conf.Globals)
        {
            switch (g.Key)
            {
                case "pollinterval" when g.Value is not null: _pollInterval = PositiveInterval(g.Value); break;
                case "user" when g.Value is not null: _user ??= g.Value; break;
                case "group" when g.Value is not null: _group ??= g.Value; break;
                case "chroot" when g.Value is not null: _chroot ??= g.Value; break;
                case "synchronous" when g.Value is not null: _synchronous = Synchronous(g.Value); break;
                case "debug_min" when g.Value is not null: NutLog.DebugLevel = Math.Max(NutLog.DebugLevel, CInt.Atoi(g.Value)); break;
            }
        }
        var ups = conf.Find(section) ?? throw new DriverFatalException($"Error: Section {section} not found in ups.conf");
        string? driver = ups.Driver;
        if (driver is not null && driver != Prog && driver != "lt-" + Prog)
            throw new DriverFatalException($"Error: UPS [{section}] is for driver {driver}, but I'm {Prog}!\n");
        foreach (var s in ups.Settings)
            ApplySetting(s.Key, s.Value, fromCommandLine: false);
    }

    static int PositiveInterval(string value)
    {
        int n = CInt.Atoi(value);
        return n > 0 ? n : throw new DriverFatalException($"Error: invalid pollinterval: {value}");
    }

    static string Synchronous(string v) => v == "yes" ? "yes" : v == "auto" ? "auto" : "no";

    /// <summary>One key = value (or flag) from ups.conf or -x, in order.</summary>
    void ApplySetting(string key, string? value, bool fromCommandLine)
    {
        if (key.StartsWith("override.", StringComparison.Ordinal) || key.StartsWith("default.", StringComparison.Ordinal))
        {
            if (value is not null)
                _values[key] = value;
            return;
        }
        if (value is null)
        {
            if (CoreFlags.Contains(key) || _driver.Settings.Any(s => s.IsFlag && s.Name.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                _flags.Add(key);
                return;
            }
            if (CoreKeys.Contains(key))
                return;
            NotValid(key, "flag");
            return;
        }
        switch (key)
        {
            case "pollinterval": _pollInterval = PositiveInterval(value); return;
            case "user": if (!fromCommandLine) _user ??= value; else _user = value; return;
            case "group": if (!fromCommandLine) _group ??= value; else _group = value; return;
            case "synchronous": _synchronous = Synchronous(value); return;
            case "debug_min": NutLog.DebugLevel = Math.Max(NutLog.DebugLevel, CInt.Atoi(value)); return;
        }
        if (CoreKeys.Contains(key) || _driver.Settings.Any(s => !s.IsFlag && s.Name.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            _values[key] = value;
            return;
        }
        NotValid(key, "variable name");
    }

    /// <summary>
    /// NUT 2.8.0 prints this and exits with status 0, so upsdrvctl reports success for a driver that never
    /// started; we exit 1 (documented in docs/compatibility.md).
    /// </summary>
    static void NotValid(string key, string what)
    {
        Console.Out.Write($"\nFatal error: '{key}' is not a valid {what} for this driver.\n\n"
            + "Look in the man page or call this driver with -h for a list of\nvalid variable names and flags.\n");
        Console.Out.Flush();
        throw new DriverFatalException("");
    }

    void Help()
    {
        Console.Out.Write($"""

            usage: {Prog} (-a <id>|-s <id>) [OPTIONS]
              -a <id>        - autoconfig using ups.conf section <id>
                             - note: -x after -a overrides ups.conf settings

              -s <id>        - configure directly from cmd line arguments
                             - note: must specify all driver parameters with successive -x
                             - note: at least 'port' variable should be set
                             - note: to explore the current values on a device from an
                               unprivileged user account (with sufficient media access in
                               the OS - e.g. to query networked devices), you can specify
                               '-d 1' argument and `export NUT_STATEPATH=/tmp` beforehand

              -V             - print version, then exit
              -L             - print parseable list of driver variables
              -D             - raise debugging level (and stay foreground by default)
              -d <count>     - dump data to stdout after 'count' updates loop and exit
              -F             - stay foregrounded even if no debugging is enabled
              -B             - stay backgrounded even if debugging is bumped
              -q             - raise log level threshold
              -h             - display this help
              -k             - force shutdown
              -i <int>       - poll interval
              -r <dir>       - chroot to <dir>
              -u <user>      - switch to <user> (if started as root)
              -g <group>     - set pipe access to <group> (if started as root)
              -x <var>=<val> - set driver variable <var> to <val>
                             - example: -x cable=940-0095B


            """);
        if (_driver.Settings.Count > 0)
        {
            Console.Out.Write("Acceptable values for -x or ups.conf in this driver:\n\n");
            foreach (var s in _driver.Settings.Where(s => !s.Hidden))
                Console.Out.Write(s.IsFlag || s.Sensitive ? $"{s.Description,40} : -x {s.Name}\n" : $"{s.Description,40} : -x {s.Name}=<value>\n"); // NUT prints sensitive values in the flag form
        }
        Console.Out.Write(_driver.HelpAppendix ?? "");
        Console.Out.Flush();
    }

    void ListSettings()
    {
        foreach (var s in _driver.Settings.Where(s => !s.Hidden))
            Console.Out.Write(s.IsFlag ? $"FLAG {s.Name} \"{s.Description}\"\n" : s.Sensitive ? $"UNKNOWN {s.Name} \"{s.Description}\"\n" : $"VALUE {s.Name} \"{s.Description}\"\n"); // NUT: a sensitive value is neither VALUE nor FLAG
        Console.Out.Flush();
    }

    int Start(string[] args)
    {
        string id = _upsName!;
        string pidFile = Path.Combine(NutPaths.AltPidPath, $"{Prog}-{id}.pid");
        string socketPath = Path.Combine(NutPaths.StatePath, $"{Prog}-{id}");
        bool dumpMode = _dumpLoops >= 0;
        bool foreground = Background.IsChild || _killPower || dumpMode || _driver.RunsOnce(_values) || (_foreground > 0 || _debug > 0) && !_background;

        if (!foreground)
            return Background.Launch(args, TimeSpan.FromSeconds(60));
        bool isChild = Background.IsChild;
        Background.DetachChild();

        _ctx = new DriverHostContext(id, _state, _values, _flags, NutPaths.ConfPath, _clock) { PollIntervalSeconds = _pollInterval };
        PublishConfiguration();

        if (_killPower)
        {
            _driver.InitUps(_ctx);
            NutLog.Warning("Initiating UPS shutdown");
            return _driver.Shutdown(_ctx);
        }

        if (!dumpMode)
        {
            DropPrivileges();
            try
            {
                Directory.SetCurrentDirectory(NutPaths.StatePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriverFatalException($"Can't chdir to {NutPaths.StatePath}: {ConfigFile.Reason(e)}");
            }
            if (isChild || _foreground >= 2)
                TakeOverPidFile(pidFile);
        }

        _driver.InitUps(_ctx);
        lock (_driverLock)
        {
            _driver.InitInfo(_ctx);
            PublishVersions();
        }

        if (dumpMode)
        {
            for (int i = 0; i < _dumpLoops; i++)
                UpdateOnce();
            foreach (var (name, value) in _state.Snapshot())
                Console.Out.Write($"{name}: {NutQuoting.Escape(value)}\n"); // escaped as NUT's dump does (\\, \", \#)
            Console.Out.Flush();
            return 0;
        }

        // As NUT: the first update before the socket opens, so upsd's first DUMPALL finds the data (and
        // DATAOK), not an empty, stale tree.
        try
        {
            UpdateOnce();
        }
        catch (DriverFatalException e)
        {
            NutLog.Fatal(e.Message);
            lock (_driverLock)
                _driver.Cleanup(_ctx!);
            return 1;
        }
        var server = new DriverSocketServer(socketPath, _state, HandleCommand);
        server.Start(_group);
        if (isChild || _foreground >= 2)
            PidFile.Write(pidFile, Environment.ProcessId);
        if (isChild)
            NutLog.UseSyslog($"{Prog}");
        return Loop(server, pidFile, isChild || _foreground >= 2);
    }

    void DropPrivileges()
    {
        if (_chroot is not null && Libc.Chroot(_chroot) != 0)
            throw new DriverFatalException($"chroot({_chroot}): {Libc.StrError(Marshal.GetLastPInvokeError())}");
        if (Privileges.EffectiveRunAs(_user) is { } user && Privileges.SwitchTo(user) is { } error)
            throw new DriverFatalException(error);
    }

    /// <summary>An earlier instance for the same UPS is told to go (SIGTERM, up to 3 tries of 5 s), as NUT does.</summary>
    static void TakeOverPidFile(string pidFile)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (PidFile.Read(pidFile) is not { } old || old == Environment.ProcessId || !PidFile.IsAlive(old))
                return;
            NutLog.Warning($"Duplicate driver instance detected (PID file {pidFile} exists)! Terminating other driver!");
            Libc.Kill(old, Libc.SIGTERM);
            for (int i = 0; i < 50 && PidFile.IsAlive(old); i++)
                Thread.Sleep(100);
        }
    }

    /// <summary>device.type, then the configuration as driver.parameter.* / driver.flag.*, overrides and defaults.</summary>
    void PublishConfiguration()
    {
        _state.SetInfo("device.type", "ups");
        foreach (var (key, value) in _values)
        {
            if (key.StartsWith("override.", StringComparison.Ordinal))
            {
                string var = key["override.".Length..];
                _state.SetInfo(var, value);
                _state.SetImmutable(var);
            }
            else if (key.StartsWith("default.", StringComparison.Ordinal))
            {
                _state.SetInfo(key["default.".Length..], value);
            }
            else if (!Unpublished.Contains(key) && !IsSensitive(key))
            {
                _state.SetInfo("driver.parameter." + key, value);
            }
        }
        foreach (var flag in _flags)
            _state.SetInfo("driver.flag." + flag, "enabled");
        _state.IgnoreLowBattery = _flags.Contains("ignorelb");
    }

    bool IsSensitive(string key) => _driver.Settings.Any(s => s.Sensitive && s.Name.Equals(key, StringComparison.OrdinalIgnoreCase));

    void PublishVersions()
    {
        _state.SetInfo("driver.version", NutVersion.Release);
        _state.SetInfo("driver.version.internal", _driver.Info.Version);
        _state.SetInfo("driver.name", Prog);
        _state.SetInfo("driver.parameter.pollinterval", _pollInterval.ToString(CultureInfo.InvariantCulture));
        _state.SetInfo("driver.parameter.synchronous", _synchronous);
        foreach (var (from, to) in new[] { ("ups.mfr", "device.mfr"), ("ups.model", "device.model"), ("ups.serial", "device.serial") })
            if (_state.GetInfo(from) is { } v)
                _state.SetInfo(to, v);
        if (_state.IgnoreLowBattery && !HasLowThresholds())
            throw new DriverFatalException("Error: ignorelb is set, but the driver publishes neither battery.charge and battery.charge.low nor battery.runtime and battery.runtime.low");
    }

    bool HasLowThresholds() =>
        (_state.Has("battery.charge") && _state.Has("battery.charge.low"))
        || (_state.Has("battery.runtime") && _state.Has("battery.runtime.low"));

    void UpdateOnce()
    {
        var delay = _driver.UpdateDelay;
        if (delay > TimeSpan.Zero)
            Thread.Sleep(delay);
        lock (_driverLock)
            _driver.UpdateInfo(_ctx!);
    }

    int Loop(DriverSocketServer server, string pidFile, bool ownsPidFile)
    {
        using var stop = new ManualResetEventSlim();
        int signal = 0;
        Action<PosixSignalContext> onStop = c => { c.Cancel = true; signal = c.Signal switch { PosixSignal.SIGINT => 2, PosixSignal.SIGQUIT => 3, _ => 15 }; stop.Set(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onStop);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, onStop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, onStop);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        Background.ReportReady();
        SdNotify.Ready();
        HeapTrim.Start();

        var interval = TimeSpan.FromSeconds(_pollInterval);
        while (!stop.Wait(interval)) // the first update ran before the socket opened
        {
            try
            {
                UpdateOnce();
            }
            catch (DriverFatalException e)
            {
                NutLog.Fatal(e.Message);
                break;
            }
        }
        if (signal != 0)
            NutLog.Info($"Signal {signal}: exiting");
        lock (_driverLock)
            _driver.Cleanup(_ctx!);
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (ownsPidFile)
            PidFile.Remove(pidFile);
        return 0;
    }

    /// <summary>INSTCMD and SET from the socket, in the shapes NUT accepts; returns the TRACKING reply or null.</summary>
    string? HandleCommand(IReadOnlyList<string> w)
    {
        string? tracking = null;
        int status;
        if (w[0].Equals("INSTCMD", StringComparison.OrdinalIgnoreCase))
        {
            string? param;
            switch (w.Count)
            {
                case 2: param = null; break;
                case 3: param = w[2]; break;
                case 4 when w[2] == "TRACKING": param = null; tracking = w[3]; break;
                case 5 when w[3] == "TRACKING": param = w[2]; tracking = w[4]; break;
                default:
                    NutLog.Warning("Malformed INSTCMD request");
                    return null;
            }
            lock (_driverLock)
                status = _driver.InstCmd(_ctx!, w[1], param);
        }
        else
        {
            if (w.Count < 3)
                return null;
            if (w.Count == 5)
            {
                if (w[3] != "TRACKING")
                    return null;
                tracking = w[4];
            }
            lock (_driverLock)
                status = _driver.SetVar(_ctx!, w[1], w[2]);
        }
        return tracking is null ? null : $"TRACKING {tracking} {status}";
    }
}
