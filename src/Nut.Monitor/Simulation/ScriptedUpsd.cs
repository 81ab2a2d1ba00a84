using Nut.Core.Protocol;
using Nut.Monitor.Upsmon;

namespace Nut.Monitor.Simulation;

/// <summary>
/// A upsd that answers upsmon from <see cref="UpsdScript"/>s instead of drivers: the replies a real upsd
/// gives (OK, OK PRIMARY-GRANTED, OK FSD-SET, ERR ..., refused connections), at the moments the scripts say.
/// It keeps each UPS's FSD latch and counts this upsmon's login in NUMLOGINS.
/// </summary>
public sealed class ScriptedUpsd : IUpsdConnector
{
    readonly Func<TimeSpan> _elapsed;
    readonly Action<SimulationEvent> _record;
    readonly bool _recordPolls;
    readonly Dictionary<string, UpsdScript> _scripts;
    readonly Dictionary<string, TimeSpan> _ourFsd = [];

    public ScriptedUpsd(IReadOnlyDictionary<string, UpsdScript> scripts, Func<TimeSpan> elapsed, Action<SimulationEvent> record, bool recordPolls)
    {
        _scripts = new Dictionary<string, UpsdScript>(scripts);
        _elapsed = elapsed;
        _record = record;
        _recordPolls = recordPolls;
    }

    UpsdScript Script(string system)
    {
        if (!_scripts.TryGetValue(system, out var s))
            _scripts[system] = s = new UpsdScript(system);
        return s;
    }

    /// <summary>When the FSD latch of <paramref name="system"/> was set, or null while it is not.</summary>
    public TimeSpan? FsdSetAt(string system, TimeSpan now)
    {
        var theirs = Script(system).ForcedShutdownBy(now);
        TimeSpan? ours = _ourFsd.TryGetValue(system, out var o) && o <= now ? o : null;
        return (theirs, ours) switch
        {
            (null, null) => null,
            ({ } a, null) => a,
            (null, { } b) => b,
            ({ } a, { } b) => a < b ? a : b,
        };
    }

    public IUpsdSession Connect(MonitoredUps ups)
    {
        var now = _elapsed();
        var script = Script(ups.System);
        if (script.StateAt(now) is UpsdState.Down)
        {
            Record(ups.System, $"connect {ups.Host}:{ups.Port}", "Connection failure: Connection refused");
            throw new UpsdException("Connection failure: Connection refused", connectionLost: true);
        }
        Record(ups.System, $"connect {ups.Host}:{ups.Port}", "connected");
        return new Session(this, ups.System, script);
    }

    void Record(string system, string request, string reply) =>
        _record(new SimulationEvent(_elapsed(), SimulationEventKind.UpsdRequest, request) { Ups = system, Reply = reply });

    sealed class Session(ScriptedUpsd server, string system, UpsdScript script) : IUpsdSession
    {
        bool _loggedIn, _broken, _closed;

        TimeSpan Now => server._elapsed();

        /// <summary>The server went away: this connection is dead from now on.</summary>
        void CheckAlive()
        {
            if (_closed || _broken)
                throw new UpsdException("Write error: Broken pipe", connectionLost: true);
            if (script.StateAt(Now) is UpsdState.Down)
            {
                _broken = true;
                _loggedIn = false;
                throw new UpsdException("Server disconnected", connectionLost: true);
            }
        }

        string Answer(string request, string reply)
        {
            CheckAlive();
            server.Record(system, request, reply);
            return reply;
        }

        public string Username(string user) => Answer("USERNAME " + user, "OK");

        public string Password(string password) => Answer("PASSWORD ****", "OK");

        public string Login(string ups)
        {
            string reply = script.StateAt(Now) is UpsdState.Error { Token: "UNKNOWN-UPS" } ? "ERR UNKNOWN-UPS"
                : _loggedIn ? "ERR ALREADY-LOGGED-IN"
                : "OK";
            reply = Answer("LOGIN " + ups, reply);
            _loggedIn |= reply == "OK";
            return reply;
        }

        public string Primary(string ups) => Answer("PRIMARY " + ups, "OK PRIMARY-GRANTED");

        public string Master(string ups) => Answer("MASTER " + ups, "OK MASTER-GRANTED");

        public string Fsd(string ups)
        {
            string reply = Answer("FSD " + ups, "OK FSD-SET");
            server._ourFsd.TryAdd(system, Now);
            return reply;
        }

        public string GetStatus(string ups)
        {
            CheckAlive();
            string request = $"GET VAR {ups} ups.status";
            switch (script.StateAt(Now))
            {
                case UpsdState.Error e:
                    if (server._recordPolls)
                        server.Record(system, request, "ERR " + e.Token);
                    throw new UpsdException(NutErrors.ClientMessage(e.Token), e.Token);
                case UpsdState.Status s:
                    string value = server.FsdSetAt(system, Now) is null ? s.Value : "FSD " + s.Value;
                    if (server._recordPolls)
                        server.Record(system, request, $"VAR {ups} ups.status \"{value}\"");
                    return value;
                default:
                    throw new UpsdException("Server disconnected", connectionLost: true);
            }
        }

        public string GetVar(string ups, string name)
        {
            CheckAlive();
            string request = $"GET VAR {ups} {name}";
            if (script.StateAt(Now) is UpsdState.Error e)
            {
                if (server._recordPolls)
                    server.Record(system, request, "ERR " + e.Token);
                throw new UpsdException(NutErrors.ClientMessage(e.Token), e.Token);
            }
            if (script.VariableAt(name, Now) is not { } value)
            {
                if (server._recordPolls)
                    server.Record(system, request, "ERR VAR-NOT-SUPPORTED");
                throw new UpsdException(NutErrors.ClientMessage("VAR-NOT-SUPPORTED"), "VAR-NOT-SUPPORTED");
            }
            if (server._recordPolls)
                server.Record(system, request, $"VAR {ups} {name} \"{value}\"");
            return value;
        }

        public int GetNumLogins(string ups)
        {
            CheckAlive();
            var now = Now;
            int others = script.OtherLoginsAt(now);
            if (script.Secondaries is { } sec && !(server.FsdSetAt(system, now) is { } fsd && now >= fsd + sec.Delay))
                others += sec.Count;
            int n = (_loggedIn ? 1 : 0) + others;
            if (server._recordPolls)
                server.Record(system, $"GET NUMLOGINS {ups}", $"NUMLOGINS {ups} {n}");
            return n;
        }

        public void Logout()
        {
            if (!_closed && !_broken)
                server.Record(system, "LOGOUT", "OK Goodbye");
            Dispose();
        }

        public void Dispose()
        {
            _closed = true;
            _loggedIn = false;
        }
    }
}
