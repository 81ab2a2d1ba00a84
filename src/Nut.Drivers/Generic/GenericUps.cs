using System.Globalization;
using Nut.Core.Text;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Generic;

/// <summary>
/// genericups: a UPS that says only "on line / on battery / low battery" by closing contacts wired to the serial
/// port's modem-control lines (docs/genericups.md). The <c>upstype</c> picks the cable from
/// <see cref="ContactClosureTypes"/>; CP, SD, OL, LB, RB and BYPASS override its lines. At start the cable power
/// lines are set; every poll reads the input lines into ups.status; <c>-k</c> sets the shutdown lines (or sends a
/// break) and holds them <c>sdtime</c> seconds.
/// </summary>
public sealed class GenericUps : IUpsDriver
{
    readonly Func<DriverHostContext, IModemLines>? _linesFactory;
    readonly CommFailureLog _comm = new();
    IModemLines? _lines;
    ContactClosureType? _type;
    int _upsType = -1;

    /// <param name="linesFactory">Opens the port's lines (tests pass a fake); null = the port, or the file named by
    /// <see cref="FileModemLines.EnvironmentVariable"/>.</param>
    public GenericUps(Func<DriverHostContext, IModemLines>? linesFactory = null) => _linesFactory = linesFactory;

    public static int Run(string[] args) => DriverHost.Run(new GenericUps(), args);

    public DriverInfo Info { get; } = new("genericups", "Generic contact-closure UPS driver", "1.38");

    public IReadOnlyList<DriverSetting> Settings { get; } =
    [
        new("upstype", "Set UPS type (required)", false),
        new("mfr", "Override manufacturer name", false),
        new("model", "Override model name", false),
        new("serial", "Specify the serial number", false),
        new("CP", "Override cable power setting", false),
        new("OL", "Override on line signal", false),
        new("LB", "Override low battery signal", false),
        new("RB", "Override replace battery signal", false),
        new("BYPASS", "Override battery bypass signal", false),
        new("SD", "Override shutdown setting", false),
        new("sdtime", "Hold time for shutdown value (seconds)", false),
    ];

    public string? HelpAppendix => ContactClosureTypes.Listing();

    /// <summary>The cable in use, with the overrides applied so far (after <see cref="InitUps"/>).</summary>
    public ContactClosureType Type => _type ?? throw new InvalidOperationException("no upstype yet");

    public void InitUps(DriverHostContext host)
    {
        _upsType = SelectType(host);
        _type = ContactClosureTypes.All[_upsType];
        _lines = _linesFactory is not null ? _linesFactory(host) : OpenLines(host.Port);
        // Output overrides apply here, not in InitInfo, because -k goes straight to Shutdown.
        if (host.GetValue("CP") is { } cp)
        {
            _type = _type with { CablePower = ContactClosureOverrides.ParseOutput(cp, _type.CablePower) };
            NutLog.Debug(2, $"parse_output_signals: CP overridden with {cp}");
        }
        if (host.GetValue("SD") is { } sd)
        {
            _type = _type with { Shutdown = ContactClosureOverrides.ParseOutput(sd, _type.Shutdown) };
            NutLog.Debug(2, $"parse_output_signals: SD overridden with {sd}");
        }
        if (!_lines.TrySet(_type.CablePower, out string error))
            throw new DriverFatalException($"ioctl TIOCMSET: {error}");
    }

    /// <summary>upstype as NUT reads it (atoi: "abc" is 0); an unknown number prints the list of types.</summary>
    static int SelectType(DriverHostContext host)
    {
        if (host.GetValue("upstype") is not { } text)
            throw new DriverFatalException("No upstype set - see help text / man page!");
        int n = CInt.Atoi(text);
        if (n < 0 || n >= ContactClosureTypes.All.Count)
        {
            Console.Out.Write(ContactClosureTypes.Listing());
            Console.Out.Flush();
            throw new DriverFatalException("\nFatal error: unknown UPS type number");
        }
        NutLog.Info($"UPS type: {ContactClosureTypes.All[n].Description}\n");
        return n;
    }

    static IModemLines OpenLines(string port) =>
        Environment.GetEnvironmentVariable(FileModemLines.EnvironmentVariable) is { Length: > 0 } fake
            ? new FileModemLines(fake)
            : NativeModemLines.Open(port);

    public void InitInfo(DriverHostContext host)
    {
        var type = Type;
        host.State.SetInfo("ups.mfr", host.GetValue("mfr") ?? type.Mfr);
        host.State.SetInfo("ups.model", host.GetValue("model") ?? type.Model);
        if (host.GetValue("serial") is { } serial)
            host.State.SetInfo("ups.serial", serial);
        // Input overrides: NUT applies them here (after the cable power is set), so do we.
        _type = type with
        {
            Online = OverrideInput(host, "OL", type.Online),
            LowBattery = OverrideInput(host, "LB", type.LowBattery),
            ReplaceBattery = OverrideInput(host, "RB", type.ReplaceBattery),
            Bypass = OverrideInput(host, "BYPASS", type.Bypass),
        };
    }

    static InputSignal OverrideInput(DriverHostContext host, string name, InputSignal current)
    {
        if (host.GetValue(name) is not { } value)
            return current;
        var parsed = ContactClosureOverrides.ParseInput(value, current);
        NutLog.Debug(2, $"parse_input_signals: {name} overridden with {value}");
        return parsed;
    }

    public void UpdateInfo(DriverHostContext host)
    {
        if (!_lines!.TryRead(out int state, out string error))
        {
            NutLog.Info($"ioctl failed: {error}");
            _comm.Fail("Status read failed");
            host.State.DataStale();
            return;
        }
        var tokens = ContactClosureStatus.Of(Type, state);
        host.State.StatusInit();
        foreach (string token in tokens)
            host.State.StatusSet(token);
        host.State.StatusCommit();
        NutLog.Debug(5, "ups.status: " + string.Join(" ", tokens));
        _comm.Good();
        host.State.DataOk();
    }

    /// <summary>
    /// The break a break-type cable (types 11, 13, 15, 20, or SD=ST) gets for a shutdown: NUT 2.8.0 passes 4901 to
    /// tcsendbreak, which glibc on Linux turns into TCSBRKP of 50 tenths: a 5.0 s break. sdtime does not apply.
    /// </summary>
    public const int ShutdownBreakDuration = 4901;

    public int Shutdown(DriverHostContext host)
    {
        if (_upsType < 0)
            throw new DriverFatalException("No upstype set - see help text / man page!");
        int lines = Type.Shutdown;
        if (lines == ContactClosureType.NoShutdown)
            throw new DriverFatalException("No shutdown command defined for this model!");
        if (lines == SerialNative.TIOCM_ST)
        {
            // A break, not a line: NUT sends it and returns without the sdtime hold.
            if (!_lines!.TrySendBreak(ShutdownBreakDuration, out string breakError))
                throw new DriverFatalException($"tcsendbreak: {breakError}");
            return 0;
        }
        if (!_lines!.TrySet(lines, out string error))
            throw new DriverFatalException($"ioctl TIOCMSET: {error}");
        if (host.GetValue("sdtime") is { } text)
        {
            long seconds = Qx.CNumber.Strtol(text);
            NutLog.Info($"Holding shutdown signal for {seconds.ToString(CultureInfo.InvariantCulture)} seconds...\n");
            if (seconds > 0)
                Hold(TimeSpan.FromSeconds(Math.Min(seconds, uint.MaxValue)));
        }
        return 0;
    }

    /// <summary>How the shutdown signal is held (tests replace the sleep).</summary>
    public Action<TimeSpan> Hold { get; init; } = Sleep;

    // Thread.Sleep takes at most ~24 days at a time; NUT's sleep() takes up to UINT_MAX seconds.
    static void Sleep(TimeSpan span)
    {
        for (var left = span; left > TimeSpan.Zero; left -= TimeSpan.FromDays(1))
            Thread.Sleep(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1));
    }

    public int InstCmd(DriverHostContext host, string command, string? parameter) => HandlerStatus.Unknown;

    public int SetVar(DriverHostContext host, string name, string value) => HandlerStatus.Unknown;

    // The lines stay as they are on close (no hang-up): the UPS keeps its cable power, or its shutdown signal.
    public void Cleanup(DriverHostContext host) => _lines?.Dispose();
}
