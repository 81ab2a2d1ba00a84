using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Dummy;

/// <summary>
/// dummy-ups (spec/dummy-ups.md): simulates a UPS from a .dev/.seq data file, or repeats a UPS of another NUT
/// server (<c>port = ups@host[:port]</c>). Every value it publishes goes through the same SET logic, so every
/// variable from the file is RW with the flags of NUT's table.
/// </summary>
public sealed class DummyUps : IUpsDriver
{
    enum Mode { Loop, Once, Repeater }

    Mode _mode;
    string _file = "";
    DataFileScript? _script;
    DateTime _fileTime;
    RepeaterSource? _repeater;

    public DriverInfo Info { get; } = new("dummy-ups", "Device simulation and repeater driver", "0.15");

    public IReadOnlyList<DriverSetting> Settings { get; } =
    [
        new("mode", "Specify mode instead of guessing it from port value (dummy = dummy-loop, dummy-once, repeater)", IsFlag: false),
    ];

    /// <summary>NUT's dummy-ups sleeps a second at the start of every update.</summary>
    public TimeSpan UpdateDelay => TimeSpan.FromSeconds(1);

    public static int Run(string[] args) => DriverHost.Run(new DummyUps(), args);

    public void InitUps(DriverHostContext host)
    {
        string port = host.Port;
        string? mode = host.GetValue("mode");
        string published;
        if (mode == "repeater" || (mode is not ("dummy-loop" or "dummy" or "dummy-once") && port.Contains('@')))
        {
            _mode = Mode.Repeater;
            published = "repeater";
        }
        else if (mode is "dummy-loop" or "dummy")
        {
            _mode = Mode.Loop;
            published = "dummy-loop";
        }
        else if (mode == "dummy-once")
        {
            _mode = Mode.Once;
            published = "dummy-once";
        }
        else if (port.EndsWith(".seq", StringComparison.Ordinal))
        {
            _mode = Mode.Loop;
            published = "dummy-loop";
        }
        else if (port.EndsWith(".dev", StringComparison.Ordinal))
        {
            _mode = Mode.Once;
            published = "dummy-once";
        }
        else
        {
            _mode = Mode.Loop;
            published = "dummy";
        }
        host.SetValue("mode", published);

        if (_mode == Mode.Repeater)
        {
            _repeater = new RepeaterSource(port);
            if (_repeater.Connect() is { } error)
                throw new DriverFatalException("Error: " + error);
            return;
        }
        _file = port.StartsWith('/') ? port : Path.Combine(host.ConfPath, port);
        LoadFile();
    }

    void LoadFile()
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(_file);
            _fileTime = File.GetLastWriteTimeUtc(_file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory"
                : e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            throw new DriverFatalException($"Can't open dummy-ups definition file {_file}: Can't open {_file}: {reason}");
        }
        var errors = new List<string>();
        _script = DataFileScript.Parse(content, errors);
        foreach (var e in errors)
            NutLog.Warning($"Parse error: {_file}:{e}");
    }

    public void InitInfo(DriverHostContext host)
    {
        var state = host.State;
        foreach (var (name, value) in DummyVariableTable.Initial)
        {
            state.SetInfo(name, value);
            var e = DummyVariableTable.Lookup(name);
            state.SetFlags(name, e.Flags);
            state.SetAux(name, e.Aux);
        }
        state.AddCommand("load.off");
        if (_mode == Mode.Repeater)
            UpdateFromRepeater(host);
        else
            _script!.Run(host.Clock, a => Apply(host, a));
        state.DataOk();
    }

    public void UpdateInfo(DriverHostContext host)
    {
        if (_mode == Mode.Repeater)
        {
            UpdateFromRepeater(host);
            return;
        }
        if (_mode == Mode.Once)
        {
            if (_script!.AtEnd && FileChanged())
            {
                LoadFile();
                _script!.Rewind();
            }
        }
        else if (_script!.AtEnd)
        {
            _script.Rewind();
        }
        _script!.Run(host.Clock, a => Apply(host, a));
        host.State.DataOk();
    }

    bool FileChanged()
    {
        try
        {
            // NUT compares modification times in whole seconds.
            var t = File.GetLastWriteTimeUtc(_file);
            return new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond) != new DateTime(_fileTime.Ticks - _fileTime.Ticks % TimeSpan.TicksPerSecond);
        }
        catch (IOException)
        {
            return false;
        }
    }

    void UpdateFromRepeater(DriverHostContext host)
    {
        var vars = _repeater!.Poll();
        if (vars is null)
            return;
        foreach (var (name, value) in vars)
            if (!name.StartsWith("driver.", StringComparison.Ordinal))
                SetVariable(host, name, value);
        host.State.DataOk();
    }

    /// <summary>One line of the data file: value words joined by single spaces, as dummy-ups does.</summary>
    static void Apply(DriverHostContext host, Assignment a)
    {
        if (a.Name == "ups.status")
        {
            host.State.StatusInit();
            foreach (var word in a.ValueWords)
                host.State.StatusSet(word);
            host.State.StatusCommit();
            return;
        }
        string value = string.Join(' ', a.ValueWords);
        if (value.Length > 127)
            value = value[..127];
        SetVariable(host, a.Name, value);
    }

    /// <summary>dummy-ups' SET logic: ups.status as given; an empty value deletes; else set with the table's flags.</summary>
    static int SetVariable(DriverHostContext host, string name, string value)
    {
        var state = host.State;
        if (name.Equals("ups.status", StringComparison.OrdinalIgnoreCase))
        {
            state.SetInfo("ups.status", value);
            return HandlerStatus.Handled;
        }
        if (value.Length == 0)
        {
            state.DelInfo(name);
            return HandlerStatus.Handled;
        }
        state.SetInfo(name, value);
        var e = DummyVariableTable.Lookup(name);
        state.SetFlags(name, e.Flags);
        state.SetAux(name, e.Aux);
        return HandlerStatus.Handled;
    }

    public int SetVar(DriverHostContext host, string name, string value) => SetVariable(host, name, value);

    public int InstCmd(DriverHostContext host, string command, string? parameter)
    {
        NutLog.Notice($"instcmd: unknown command [{command}] [{parameter ?? "(null)"}]");
        return HandlerStatus.Unknown;
    }

    public int Shutdown(DriverHostContext host)
    {
        NutLog.Error("shutdown not supported");
        return 1;
    }

    public void Cleanup(DriverHostContext host) => _repeater?.Dispose();
}
