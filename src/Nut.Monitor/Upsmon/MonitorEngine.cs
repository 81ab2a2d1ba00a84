using Nut.Core.Config;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upsmon;

/// <summary>Why upsmon began a power-fail shutdown.</summary>
public enum ShutdownReason
{
    /// <summary>The power value of the non-critical UPSes fell below MINSUPPLIES.</summary>
    PowerLost,
    /// <summary><c>upsmon -c fsd</c> (SIGUSR1).</summary>
    UserRequest,
}

/// <summary>
/// upsmon's state machine (spec/upsmon.md §3-6): one <see cref="RunIteration"/> is one pass of NUT's main
/// loop — a pending user FSD, a pending reload, a poll of every UPS in configuration order, the power
/// computation (which may start the shutdown sequence), the parent check. Between passes the caller sleeps
/// <see cref="SleepSeconds"/>. Every effect goes through <see cref="MonitorServices"/>; times are whole
/// seconds of its clock, like NUT's time_t arithmetic, so the same comparisons give the same decisions.
/// </summary>
public sealed class MonitorEngine
{
    /// <summary>NUT warns about a dead parent at most this often.</summary>
    public const int ParentWarningInterval = 120;
    /// <summary>While a primary waits for its secondaries to log out it asks NUMLOGINS this often.</summary>
    public static readonly TimeSpan SecondaryPollInterval = TimeSpan.FromMilliseconds(250);
    public const string ShutdownMessage = "Executing automatic power-fail shutdown";

    readonly MonitorServices _s;
    readonly Notifier _notifier;
    readonly List<MonitoredUps> _upses = [];
    MonitorSettings _settings;
    int _sleepSeconds = MonitorSettings.InitialSleepSeconds;
    int _userFsdSignal;
    bool _reloadPending;
    long _lastParentWarning;

    public MonitorEngine(UpsmonConf conf, MonitorServices services, MonitorSettings? settings = null)
    {
        _s = services;
        _settings = settings ?? MonitorSettings.From(conf);
        _notifier = new Notifier(services.Log, services.Wall, services.Commands);
        _notifier.Sent += n => Notified?.Invoke(n);
        if (services.Channels is { Any: true } channels)
            _notifier.Sent += channels.Post;
        foreach (var m in conf.Monitors)
            _upses.Add(new MonitoredUps(m));
    }

    /// <summary>Every notification that was not ignored, as it is sent.</summary>
    public event Action<Notification>? Notified;

    /// <summary>The moment the shutdown sequence starts (before FSD is set and secondaries are awaited).</summary>
    public event Action<ShutdownReason>? ShutdownStarted;

    /// <summary>Each successful poll: the UPS and the ups.status it answered.</summary>
    public event Action<MonitoredUps, string>? Polled;

    public IReadOnlyList<MonitoredUps> Upses => _upses;
    public MonitorSettings Settings => _settings;

    /// <summary>How long to sleep after this pass (POLLFREQ, or POLLFREQALERT since a UPS went on battery).</summary>
    public int SleepSeconds => _sleepSeconds;

    /// <summary>True once the shutdown has been handed over (or a reload made the configuration unusable):
    /// upsmon exits with <see cref="ExitCode"/>.</summary>
    public bool Finished { get; private set; }
    public int ExitCode { get; private set; }

    /// <summary>True once POWERDOWNFLAG and SHUTDOWNCMD have been handed to the shutdown agent.</summary>
    public bool ShutdownHandedOver { get; private set; }

    long Now => _s.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>SIGUSR1 (<c>upsmon -c fsd</c>): shut down on the next pass.</summary>
    public void RequestUserFsd(int signal) => _userFsdSignal = signal;

    /// <summary>SIGHUP (<c>upsmon -c reload</c>): read the configuration again on the next pass.</summary>
    public void RequestReload() => _reloadPending = true;

    public void RunIteration()
    {
        if (Finished)
            return;
        if (_userFsdSignal != 0)
        {
            _s.Log.Log(MonitorLogLevel.Info, $"Signal {_userFsdSignal}: User requested FSD");
            _userFsdSignal = 0;
            ForceShutdown(ShutdownReason.UserRequest);
            return;
        }
        if (_reloadPending)
        {
            _reloadPending = false;
            Reload();
            if (Finished)
                return;
        }
        foreach (var ups in _upses)
            Poll(ups);
        Recalculate();
        if (Finished)
            return;
        CheckParent();
    }

    /// <summary>SIGTERM/SIGINT/SIGQUIT: log out of every UPS and stop.</summary>
    public void Exit(int signal)
    {
        _s.Log.Log(MonitorLogLevel.Info, $"Signal {signal}: exiting");
        foreach (var ups in _upses)
            DropConnection(ups);
        Finished = true;
    }

    // ---- talking to upsd ----

    void Poll(MonitoredUps ups)
    {
        if (!ups.Is(UpsFlags.Connected) && !TryConnect(ups))
            return;
        _s.Log.Debug(2, $"pollups: {ups.System}");
        string status;
        try
        {
            status = ups.Session!.GetStatus(ups.UpsName);
        }
        catch (UpsdException e)
        {
            if (e.ErrToken == "UNKNOWN-UPS")
                _s.Log.Log(MonitorLogLevel.Error, $"Poll UPS [{ups.System}] failed - [{ups.UpsName}] does not exist on server {ups.Host}");
            else
                _s.Log.Log(MonitorLogLevel.Error, $"Poll UPS [{ups.System}] failed - {e.Message}");
            UpsIsGone(ups);
            if (e.ConnectionLost)
                DropConnection(ups);
            return;
        }
        Polled?.Invoke(ups, status);
        ParseStatus(ups, status);
        CheckRules(ups);
    }

    /// <summary>Connects and logs in. False when this pass should not poll the UPS (NUT then polls it on the
    /// next pass over the same connection even if the login failed).</summary>
    bool TryConnect(MonitoredUps ups)
    {
        _s.Log.Debug(1, $"Trying to connect to UPS [{ups.System}]");
        ups.Clear(UpsFlags.LoggedIn);
        try
        {
            ups.Session = _s.Upsd.Connect(ups);
        }
        catch (UpsdException e)
        {
            _s.Log.Log(MonitorLogLevel.Error, $"UPS [{ups.System}]: connect failed: {e.Message}");
            UpsIsGone(ups);
            return false;
        }
        ups.Set(UpsFlags.Connected);
        return LogIn(ups);
    }

    bool LogIn(MonitoredUps ups)
    {
        var session = ups.Session!;
        if (ups.User.Length == 0)
        {
            _s.Log.Log(MonitorLogLevel.Error, $"UPS [{ups.System}]: no username defined!");
            return false;
        }
        if (Exchange(ups, () => session.Username(ups.User), "Can't set username on [{0}]: {1}", "Set username on [{0}] failed: {1}") is null)
            return false;
        string? reply = Exchange(ups, () => session.Password(ups.Password), "Can't set password on [{0}]: {1}", "Set password on [{0}] failed: {1}");
        if (reply is null)
            return false;
        if (!reply.StartsWith("OK", StringComparison.Ordinal))
        {
            _s.Log.Log(MonitorLogLevel.Error, $"Set password on [{ups.System}] failed - got [{reply}]");
            return false;
        }
        reply = Exchange(ups, () => session.Login(ups.UpsName), "Can't login to UPS [{0}]: {1}", "Login to UPS [{0}] failed: {1}");
        if (reply is null)
            return false;
        if (!reply.StartsWith("OK", StringComparison.Ordinal))
        {
            _s.Log.Log(MonitorLogLevel.Error, $"Login on UPS [{ups.System}] failed - got [{reply}]");
            return false;
        }
        ups.Set(UpsFlags.LoggedIn);
        _s.Log.Debug(1, $"Logged into UPS {ups.System}");
        if (ups.IsPrimary)
            ApplyForPrimary(ups);
        return true;
    }

    /// <summary>PRIMARY, then the older MASTER. A refusal is logged loudly but monitoring goes on (the FSD
    /// this machine may later need to send will then fail, and say so).</summary>
    void ApplyForPrimary(MonitoredUps ups)
    {
        var session = ups.Session!;
        string? reply = Exchange(ups, () => session.Primary(ups.UpsName), "Can't set primary managerial mode on UPS [{0}] - {1}", "Can't set primary managerial mode on UPS [{0}] - {1}");
        if (reply is not null && reply.StartsWith("OK", StringComparison.Ordinal))
            return;
        if (reply is not null)
        {
            _s.Log.Debug(1, $"apply_for_primary: Server did not grant PRIMARY mode on UPS [{ups.System}], retry with older MASTER keyword");
            reply = Exchange(ups, () => session.Master(ups.UpsName), "Can't set primary managerial mode on UPS [{0}] - {1}", "Can't set primary managerial mode on UPS [{0}] - {1}");
            if (reply is not null && reply.StartsWith("OK", StringComparison.Ordinal))
                return;
        }
        _s.Log.Log(MonitorLogLevel.Alert, $"Primary managerial privileges unavailable on UPS [{ups.System}]");
        if (reply is not null)
            _s.Log.Log(MonitorLogLevel.Alert, $"Response: [{reply}]");
    }

    /// <summary>One login request; null (after logging NUT's message) when it could not be sent or answered.</summary>
    string? Exchange(MonitoredUps ups, Func<string> request, string sendFailed, string readFailed)
    {
        try
        {
            return request();
        }
        catch (UpsdException e)
        {
            string format = e.Message.StartsWith("Write error", StringComparison.Ordinal) ? sendFailed : readFailed;
            _s.Log.Log(MonitorLogLevel.Error, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ups.System, e.Message));
            return null;
        }
    }

    /// <summary>Closes the connection (LOGOUT first, as libupsclient's disconnect does). The line and
    /// communication states become 0, so the next success is a COMMOK; ONLINE/ONBATT flags stay.</summary>
    void DropConnection(MonitoredUps ups)
    {
        if (ups.Session is { } session)
        {
            _s.Log.Debug(2, $"Dropping connection to UPS [{ups.System}]");
            session.Logout();
            ups.Session = null;
        }
        ups.CommState = 0;
        ups.LineState = 0;
        ups.Clear(UpsFlags.LoggedIn | UpsFlags.Connected);
    }

    /// <summary>After the shutdown is handed over: close without LOGOUT, as NUT's exit does.</summary>
    void CloseConnections()
    {
        foreach (var ups in _upses)
        {
            ups.Session?.Dispose();
            ups.Session = null;
            ups.Clear(UpsFlags.LoggedIn | UpsFlags.Connected);
        }
    }

    // ---- status ----

    void UpsIsAlive(MonitoredUps ups)
    {
        ups.LastPoll = Now;
        if (ups.CommState == 0)
            Notify("COMMOK", ups);
        ups.CommState = 1;
    }

    void UpsIsGone(MonitoredUps ups)
    {
        long now = Now;
        if (ups.CommState != 0)
        {
            ups.CommState = 0;
            Notify("COMMBAD", ups);
            return;
        }
        int warn = _settings.NoCommWarnTime;
        if (now - ups.LastPoll >= warn && now - ups.LastNoCommWarning > warn)
        {
            Notify("NOCOMM", ups);
            ups.LastNoCommWarning = now;
        }
    }

    void ParseStatus(MonitoredUps ups, string status)
    {
        _s.Log.Debug(3, $"parsing: [{status}]");
        if (status.Length == 0)
        {
            UpsIsGone(ups);
            return;
        }
        UpsIsAlive(ups);
        // NUT looks for the substrings with strstr (case matters) but compares words ignoring case.
        if (!status.Contains("LB", StringComparison.Ordinal))
            ups.Clear(UpsFlags.LowBattery);
        if (!status.Contains("FSD", StringComparison.Ordinal))
            ups.Clear(UpsFlags.ForcedShutdown);
        foreach (var word in status.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Is(word, "OL")) OnLine(ups);
            else if (Is(word, "OB")) OnBattery(ups);
            else if (Is(word, "LB")) LowBattery(ups);
            else if (Is(word, "RB")) ReplaceBattery(ups);
            else if (Is(word, "CAL")) Calibrating(ups);
            else if (Is(word, "FSD")) ForcedShutdown(ups);
            UpdateCriticalTimer(ups);
        }
    }

    static bool Is(string word, string token) => word.Equals(token, StringComparison.OrdinalIgnoreCase);

    void OnLine(MonitoredUps ups)
    {
        if (ups.Is(UpsFlags.Online))
        {
            _s.Log.Debug(4, $"ups_on_line: {ups.System} (no change)");
            return;
        }
        _sleepSeconds = _settings.PollFreq;
        // The first OL after start is silent: it is not a return of power.
        if (ups.LineState != -1)
            Notify("ONLINE", ups);
        ups.LineState = 1;
        ups.Set(UpsFlags.Online);
        ups.Clear(UpsFlags.OnBattery);
        ups.OnBatterySince = 0;
        ups.RuleFired = null;
    }

    void OnBattery(MonitoredUps ups)
    {
        if (ups.Is(UpsFlags.OnBattery))
        {
            _s.Log.Debug(4, $"ups_on_batt: {ups.System} (no change)");
            return;
        }
        _sleepSeconds = _settings.PollFreqAlert;
        ups.LineState = 0;
        Notify("ONBATT", ups);
        ups.Set(UpsFlags.OnBattery);
        ups.OnBatterySince = Now;
        ups.Clear(UpsFlags.Online);
    }

    void LowBattery(MonitoredUps ups)
    {
        if (ups.Is(UpsFlags.LowBattery))
            return;
        Notify("LOWBATT", ups);
        ups.Set(UpsFlags.LowBattery);
    }

    void ReplaceBattery(MonitoredUps ups)
    {
        long now = Now;
        if (now - ups.LastReplaceBatteryWarning > _settings.RbWarnTime)
        {
            Notify("REPLBATT", ups);
            ups.LastReplaceBatteryWarning = now;
        }
    }

    void Calibrating(MonitoredUps ups)
    {
        if (ups.Is(UpsFlags.Calibrating))
            return;
        Notify("CAL", ups);
        ups.Set(UpsFlags.Calibrating);
    }

    void ForcedShutdown(MonitoredUps ups)
    {
        if (ups.Is(UpsFlags.ForcedShutdown))
            return;
        Notify("FSD", ups);
        ups.Set(UpsFlags.ForcedShutdown);
    }

    /// <summary>Remembers the last moment the UPS was not critical: a secondary gives the primary HOSTSYNC
    /// seconds from then before it stops waiting for an FSD.</summary>
    void UpdateCriticalTimer(MonitoredUps ups)
    {
        if (!ups.Is(UpsFlags.OnBattery) || !(ups.Is(UpsFlags.LowBattery) || ups.RuleFired is not null) || ups.Is(UpsFlags.Calibrating))
            ups.LastNonCritical = Now;
    }

    // ---- SHUTDOWNRULE (NutSharp extension) ----

    /// <summary>
    /// After a good poll: checks this UPS's SHUTDOWNRULEs. On the first poll each rule's variable is asked for
    /// once, so a rule that can never fire is reported at start; while on battery the rules are evaluated and
    /// the first that holds makes the UPS critical until it is back on line.
    /// </summary>
    void CheckRules(MonitoredUps ups)
    {
        var rules = _settings.Conf.ShutdownRules;
        if (rules.Count == 0)
            return;
        bool onBattery = ups.Is(UpsFlags.OnBattery);
        bool firstLook = !ups.RulesLookedAt;
        ups.RulesLookedAt = true;
        foreach (var rule in rules)
        {
            if (!rule.AppliesTo(ups.System, ups.UpsName) || ups.RulesReportedUnusable.Contains(rule))
                continue;
            if (!(onBattery || firstLook) || ups.Session is null)
                continue;
            double? value = null;
            if (rule.Variable is { } name)
            {
                try
                {
                    value = CNumber(ups.Session.GetVar(ups.UpsName, name));
                }
                catch (UpsdException e)
                {
                    if (e.ErrToken == "VAR-NOT-SUPPORTED")
                    {
                        ups.RulesReportedUnusable.Add(rule);
                        _s.Log.Log(MonitorLogLevel.Error, $"{_settings.Conf.FileName} line {rule.Line}: {ShutdownRule.Directive} ({rule}) cannot fire: UPS [{ups.System}] does not report {name}");
                    }
                    else if (e.ConnectionLost)
                    {
                        DropConnection(ups);
                        return;
                    }
                    continue;
                }
            }
            if (!onBattery || ups.RuleFired is not null)
                continue;
            bool fires = rule.Kind switch
            {
                ShutdownRuleKind.Charge => value < rule.Value,
                ShutdownRuleKind.Runtime => value < rule.Value,
                _ => ups.OnBatterySince > 0 && Now - ups.OnBatterySince >= rule.Value,
            };
            if (fires)
            {
                ups.RuleFired = rule;
                string seen = rule.Kind == ShutdownRuleKind.OnBattery ? $"on battery for {Now - ups.OnBatterySince} s"
                    : $"{rule.Variable} is {value?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                _s.Log.Log(MonitorLogLevel.Warning, $"UPS [{ups.System}]: {ShutdownRule.Directive} at line {rule.Line} ({rule}) fired: {seen}");
            }
        }
        UpdateCriticalTimer(ups);
    }

    /// <summary>A number as upsd sends it; anything else is no value (the rule does not fire on it).</summary>
    static double? CNumber(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    void Notify(string type, MonitoredUps? ups) => _notifier.Notify(_settings, type, ups);

    // ---- the decision ----

    /// <summary>Adds up the power of the UPSes that are not critical; below MINSUPPLIES → shut down.</summary>
    void Recalculate()
    {
        long now = Now;
        int power = 0;
        foreach (var ups in _upses)
        {
            // A UPS that went quiet while on battery is assumed to have run down meanwhile.
            if (now - ups.LastPoll > _settings.DeadTime && ups.Is(UpsFlags.OnBattery))
            {
                _s.Log.Debug(1, $"Promoting dead UPS: {ups.System}");
                ups.Set(UpsFlags.LowBattery);
            }
            if (IsCritical(ups, now))
                _s.Log.Debug(1, $"Critical UPS: {ups.System}");
            else
                power += ups.PowerValue;
        }
        _s.Log.Debug(3, $"Current power value: {power}");
        _s.Log.Debug(3, $"Minimum power value: {_settings.MinSupplies}");
        if (power < _settings.MinSupplies)
            ForceShutdown(ShutdownReason.PowerLost);
    }

    bool IsCritical(MonitoredUps ups, long now)
    {
        if (ups.Is(UpsFlags.ForcedShutdown))
            return true;
        // A SHUTDOWNRULE that fired counts as LB (a NutSharp extension; without rules nothing changes).
        if (!ups.Is(UpsFlags.OnBattery) || !(ups.Is(UpsFlags.LowBattery) || ups.RuleFired is not null))
            return false;
        if (ups.Is(UpsFlags.Calibrating))
        {
            _s.Log.Log(MonitorLogLevel.Warning, $"is_ups_critical: seems that UPS [{ups.System}] is OB+LB now, but it is also calibrating - not declaring a critical state");
            return false;
        }
        if (ups.IsPrimary)
            return true;
        // A secondary gives the primary HOSTSYNC seconds to set FSD first.
        if (now - ups.LastNonCritical > _settings.HostSync)
        {
            _s.Log.Log(MonitorLogLevel.Warning, $"Giving up on the primary for UPS [{ups.System}]");
            return true;
        }
        return false;
    }

    /// <summary>
    /// NUT's forceshutdown(): FSD on every UPS we are primary for; a secondary goes straight on, a primary
    /// first waits (asking NUMLOGINS every 250 ms) until only it is logged in, or HOSTSYNC seconds pass.
    /// </summary>
    void ForceShutdown(ShutdownReason reason)
    {
        ShutdownStarted?.Invoke(reason);
        _s.Log.Debug(1, "Shutting down any UPSes in PRIMARY mode...");
        bool primary = false;
        foreach (var ups in _upses.Where(u => u.IsPrimary))
        {
            primary = true;
            SetFsd(ups);
        }
        if (!primary)
        {
            DoShutdown();
            return;
        }
        _s.Log.Debug(1, "This system is a primary... waiting for secondaries to logout...");
        long start = Now;
        while (true)
        {
            if (SecondariesGone())
                break;
            if (Now - start > _settings.HostSync)
            {
                _s.Log.Log(MonitorLogLevel.Info, "Host sync timer expired, forcing shutdown");
                break;
            }
            _s.Sleeper.Sleep(SecondaryPollInterval);
        }
        DoShutdown();
    }

    void SetFsd(MonitoredUps ups)
    {
        _s.Log.Debug(2, $"Setting FSD on UPS {ups.System}");
        if (ups.Session is not { } session)
        {
            // libupsclient's error for a connection that is not open (observed on 2.8.0).
            _s.Log.Log(MonitorLogLevel.Error, $"FSD set on UPS {ups.System} failed: Driver not connected");
            return;
        }
        try
        {
            string reply = session.Fsd(ups.UpsName);
            if (!reply.StartsWith("OK", StringComparison.Ordinal))
                _s.Log.Log(MonitorLogLevel.Error, $"FSD set on UPS {ups.System} failed: {reply}");
        }
        catch (UpsdException e)
        {
            _s.Log.Log(MonitorLogLevel.Error, $"FSD set on UPS {ups.System} failed: {e.Message}");
        }
    }

    /// <summary>True when no UPS we are primary for has more than one login (ours).</summary>
    bool SecondariesGone()
    {
        int most = 0;
        foreach (var ups in _upses.Where(u => u.IsPrimary))
        {
            if (ups.Session is not { } session)
                continue;
            try
            {
                most = Math.Max(most, session.GetNumLogins(ups.UpsName));
            }
            catch (UpsdException) { }
        }
        return most <= 1;
    }

    void DoShutdown()
    {
        _s.Log.Log(MonitorLogLevel.Critical, ShutdownMessage);
        _s.Wall.Send(ShutdownMessage + "\n");
        Notify("SHUTDOWN", null);
        _s.Sleeper.Sleep(TimeSpan.FromSeconds(_settings.FinalDelay));
        _s.Shutdown.Shutdown(_settings);
        ShutdownHandedOver = true;
        CloseConnections();
        Finished = true;
        ExitCode = 0;
    }

    void CheckParent()
    {
        if (_s.Parent is not { ParentGone: true })
            return;
        long now = Now;
        if (now - _lastParentWarning < ParentWarningInterval)
            return;
        _lastParentWarning = now;
        Notify("NOPARENT", null);
        _s.Log.Log(MonitorLogLevel.Alert, "Parent died - shutdown impossible");
    }

    // ---- reload ----

    void Reload()
    {
        if (_s.Reload is null)
            return;
        _s.Log.Log(MonitorLogLevel.Info, "Reloading configuration");
        UpsmonConf conf;
        try
        {
            conf = _s.Reload(_settings.Conf);
        }
        catch (ConfigException e)
        {
            _s.Log.Log(MonitorLogLevel.Error, $"Reload failed: {e.Message}");
            return;
        }
        if (conf.Fatal is { } fatal)
        {
            // NUT exits here; we keep monitoring with what we have rather than leave the machine unprotected.
            _s.Log.Log(MonitorLogLevel.Error, $"Reload failed: {fatal}");
            return;
        }
        var settings = MonitorSettings.From(conf);
        if (_s.Parent is not null)
        {
            // The privileged parent keeps the values it started with.
            WarnIfChanged("SHUTDOWNCMD", _settings.ShutdownCmd, settings.ShutdownCmd);
            WarnIfChanged("POWERDOWNFLAG", _settings.PowerDownFlag, settings.PowerDownFlag);
        }
        _settings = settings;
        foreach (var entry in conf.Monitors)
        {
            var ups = _upses.FirstOrDefault(u => u.System == entry.System);
            if (ups is null)
            {
                _upses.Add(new MonitoredUps(entry));
                _s.Log.Log(MonitorLogLevel.Info, DescribeMonitor(entry));
                continue;
            }
            UpdateMonitor(ups, entry);
        }
        foreach (var gone in _upses.Where(u => conf.Monitors.All(m => m.System != u.System)).ToList())
        {
            _s.Log.Log(MonitorLogLevel.Notice, $"No longer monitoring UPS [{gone.System}]");
            DropConnection(gone);
            _upses.Remove(gone);
        }
        int total = _upses.Sum(u => u.PowerValue);
        if (total < _settings.MinSupplies)
        {
            _s.Log.Log(MonitorLogLevel.Alert, $"Fatal error: total power value ({total}) less than MINSUPPLIES ({_settings.MinSupplies})");
            _s.Log.Log(MonitorLogLevel.Alert, "Impossible power configuration, unable to continue");
            foreach (var ups in _upses)
                DropConnection(ups);
            Finished = true;
            ExitCode = 1;
        }
    }

    void WarnIfChanged(string key, string? before, string? after)
    {
        if (before == after)
            return;
        _s.Log.Log(MonitorLogLevel.Warning, $"Warning: {key} redefined in split-process mode!");
        _s.Log.Log(MonitorLogLevel.Warning, "You must restart upsmon for this change to work");
    }

    void UpdateMonitor(MonitoredUps ups, MonitorEntry entry)
    {
        bool reconnect = false;
        if (entry.PowerValue != ups.PowerValue)
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: redefined power value to {entry.PowerValue}");
        if (entry.User != ups.User)
        {
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: redefined username");
            reconnect |= !ups.Is(UpsFlags.LoggedIn);
        }
        if (entry.Password != ups.Password)
        {
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: redefined password");
            reconnect |= !ups.Is(UpsFlags.LoggedIn);
        }
        if (entry.IsPrimary && !ups.IsPrimary)
        {
            // Primary rights are asked for when logging in: log in again.
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: redefined as a primary");
            reconnect = true;
        }
        else if (!entry.IsPrimary && ups.IsPrimary)
        {
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: redefined as a secondary");
        }
        ups.Apply(entry);
        if (reconnect && ups.Is(UpsFlags.Connected))
        {
            _s.Log.Log(MonitorLogLevel.Info, $"UPS [{ups.System}]: retrying connection");
            DropConnection(ups);
        }
    }

    /// <summary>The line upsmon logs for each MONITOR entry it takes on.</summary>
    public static string DescribeMonitor(MonitorEntry m) =>
        m.PowerValue == 0
            ? $"UPS: {m.System} (monitoring only)"
            : $"UPS: {m.System} ({(m.IsPrimary ? "primary" : "secondary")}) (power value {m.PowerValue})";
}
