using System.Globalization;
using System.Text;
using Nut.Core.State;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Drivers.Host;

/// <summary>
/// A driver's published state (NUT's dstate): the variables and commands, with every real change pushed to
/// the connected clients as a driver-socket message (values always escaped — NUT 2.8's raw broadcast
/// corrupts values containing quotes), the stale/ok transitions, the DUMPALL reply, and NUT's ups.status /
/// ups.alarm helpers. Thread-safe: drivers update it while socket clients read it.
/// </summary>
public sealed class DriverState
{
    readonly object _lock = new();
    readonly UpsState _state = new();
    readonly List<string> _statusTokens = [];
    readonly List<string> _alarms = [];
    bool _stale = true;

    /// <summary>Receives each change message (no newline); set by the socket server.</summary>
    public Action<string>? Broadcast { get; set; }

    /// <summary>Set by the host from the <c>ignorelb</c> flag: LB comes from charge/runtime thresholds.</summary>
    public bool IgnoreLowBattery { get; set; }

    public bool IsStale { get { lock (_lock) return _stale; } }

    public string? GetInfo(string name) { lock (_lock) return _state.GetValue(name); }

    public bool Has(string name) { lock (_lock) return _state.Get(name) is not null; }

    public VariableFlags? GetFlags(string name) { lock (_lock) return _state.Get(name)?.Flags; }

    public bool SetInfo(string name, string value)
    {
        lock (_lock)
        {
            if (value.Length > UpsState.MaxValueLength)
                value = value[..UpsState.MaxValueLength];
            if (!_state.SetInfo(name, value))
                return false;
            Send($"SETINFO {name} {NutQuoting.Quote(value)}");
            return true;
        }
    }

    public bool SetInfo(string name, double value, string format = "0.0") =>
        SetInfo(name, value.ToString(format, CultureInfo.InvariantCulture));

    public bool DelInfo(string name)
    {
        lock (_lock)
        {
            if (_state.Get(name) is { IsImmutable: true })
                return false;
            if (!_state.DelInfo(name))
                return false;
            Send($"DELINFO {name}");
            return true;
        }
    }

    /// <summary>Marks a variable immutable (override.*): later driver updates and deletes are ignored.</summary>
    public void SetImmutable(string name)
    {
        lock (_lock)
            _state.AddFlags(name, VariableFlags.Immutable);
    }

    public bool AddEnum(string name, string value)
    {
        lock (_lock)
        {
            if (!_state.AddEnum(name, value)) return false;
            Send($"ADDENUM {name} {NutQuoting.Quote(value)}");
            return true;
        }
    }

    public bool DelEnum(string name, string value)
    {
        lock (_lock)
        {
            if (!_state.DelEnum(name, value)) return false;
            Send($"DELENUM {name} {NutQuoting.Quote(value)}");
            return true;
        }
    }

    /// <summary>Adds a range; as in NUT this also makes the variable a NUMBER.</summary>
    public bool AddRange(string name, int min, int max)
    {
        lock (_lock)
        {
            if (!_state.AddRange(name, min, max)) return false;
            Send($"ADDRANGE {name} {min} {max}");
            var flags = _state.Get(name)!.Flags;
            if (_state.SetFlags(name, flags | VariableFlags.Number))
                Send(FlagsMessage(name));
            return true;
        }
    }

    public bool DelRange(string name, int min, int max)
    {
        lock (_lock)
        {
            if (!_state.DelRange(name, min, max)) return false;
            Send($"DELRANGE {name} {min} {max}");
            return true;
        }
    }

    public bool SetAux(string name, int aux)
    {
        lock (_lock)
        {
            if (!_state.SetAux(name, aux)) return false;
            Send($"SETAUX {name} {aux}");
            return true;
        }
    }

    /// <summary>Replaces a variable's flags (RW, STRING, NUMBER). Refused for an immutable variable, as NUT does.</summary>
    public bool SetFlags(string name, VariableFlags flags)
    {
        lock (_lock)
        {
            if (_state.Get(name) is { IsImmutable: true })
            {
                NutLog.Info($"dstate_setflags: base variable ({name}) is immutable");
                return false;
            }
            if (!_state.SetFlags(name, flags)) return false;
            Send(FlagsMessage(name));
            return true;
        }
    }

    string FlagsMessage(string name)
    {
        string words = VariableFlagWords.Format(_state.Get(name)!.Flags.Transmitted());
        return words.Length == 0 ? $"SETFLAGS {name}" : $"SETFLAGS {name} {words}";
    }

    public bool AddCommand(string name)
    {
        lock (_lock)
        {
            if (!_state.AddCommand(name)) return false;
            Send($"ADDCMD {name}");
            return true;
        }
    }

    public bool DelCommand(string name)
    {
        lock (_lock)
        {
            if (!_state.DelCommand(name)) return false;
            Send($"DELCMD {name}");
            return true;
        }
    }

    public bool HasCommand(string name) { lock (_lock) return _state.HasCommand(name); }

    /// <summary>The driver can talk to the device (sends DATAOK only on a stale→ok transition).</summary>
    public void DataOk()
    {
        lock (_lock)
        {
            if (!_stale) return;
            _stale = false;
            Send("DATAOK");
        }
    }

    /// <summary>The driver lost the device (sends DATASTALE only on an ok→stale transition).</summary>
    public void DataStale()
    {
        lock (_lock)
        {
            if (_stale) return;
            _stale = true;
            Send("DATASTALE");
        }
    }

    /// <summary>The DUMPALL reply, newline-terminated lines in NUT's order.</summary>
    public string DumpAll()
    {
        lock (_lock)
        {
            var sb = new StringBuilder();
            if (_stale) sb.Append("DATASTALE\n");
            foreach (var line in _state.DumpLines())
                sb.Append(line).Append('\n');
            if (!_stale) sb.Append("DATAOK\n");
            sb.Append("DUMPDONE\n");
            return sb.ToString();
        }
    }

    /// <summary>The lines of a DUMPVALUE reply for one variable (empty when it does not exist).</summary>
    public string DumpOne(string name)
    {
        lock (_lock)
        {
            var v = _state.Get(name);
            return v is null ? "" : $"SETINFO {v.Name} \"{v.EscapedValue}\"\n";
        }
    }

    /// <summary>Every variable as (name, unescaped value), in NUT's sorted order (for the -d dump).</summary>
    public List<(string Name, string Value)> Snapshot()
    {
        lock (_lock)
            return _state.Variables.Select(v => (v.Name, v.Value)).ToList();
    }

    // ---- ups.status and ups.alarm helpers (status_init/set/commit, alarm_init/set/commit) ----

    public void StatusInit() { lock (_lock) _statusTokens.Clear(); }

    public void StatusSet(string token)
    {
        lock (_lock)
        {
            if (IgnoreLowBattery && token == "LB")
                return;
            _statusTokens.Add(token);
        }
    }

    public void StatusCommit()
    {
        lock (_lock)
        {
            var tokens = new List<string>(_statusTokens);
            if (IgnoreLowBattery && BelowLowThresholds())
                tokens.Add("LB");
            if (_alarms.Count > 0)
                tokens.Insert(0, "ALARM");
            SetInfo("ups.status", string.Join(' ', tokens));
        }
    }

    bool BelowLowThresholds()
    {
        static int? Int(string? s) => s is null ? null : CInt.Atoi(s);
        int? charge = Int(_state.GetValue("battery.charge")), chargeLow = Int(_state.GetValue("battery.charge.low"));
        int? runtime = Int(_state.GetValue("battery.runtime")), runtimeLow = Int(_state.GetValue("battery.runtime.low"));
        return (charge < chargeLow) || (runtime < runtimeLow);
    }

    public void AlarmInit() { lock (_lock) _alarms.Clear(); }

    public void AlarmSet(string text) { lock (_lock) _alarms.Add(text); }

    public void AlarmCommit()
    {
        lock (_lock)
        {
            if (_alarms.Count > 0) SetInfo("ups.alarm", string.Join(' ', _alarms));
            else DelInfo("ups.alarm");
        }
    }

    void Send(string message) => Broadcast?.Invoke(message);
}
