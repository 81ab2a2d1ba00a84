using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Nut.Core.Config;
using Nut.Core.Protocol;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Server;

/// <summary>
/// The NUT network protocol as upsd 2.8.0 answers it (spec/network-protocol.md): one tokenized request line
/// in, the reply bytes out. The order of the checks is NUT's, because clients and our transcript tests
/// compare the exact error a request gets. Holds no connection state of its own: that is in
/// <see cref="ClientState"/>; the server's in <see cref="IUpsdContext"/>.
/// </summary>
public sealed class RequestHandler
{
    /// <summary>NUT builds each reply line in a 513-byte buffer: longer lines are cut to 512 characters
    /// and lose their newline.</summary>
    public const int MaxReplyLine = 512;

    const string HelpText = "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS";

    readonly IUpsdContext _ctx;

    public RequestHandler(IUpsdContext ctx) => _ctx = ctx;

    /// <summary>Handles one request; appends the reply (if any) to <paramref name="output"/>.</summary>
    public void Handle(ClientState client, IReadOnlyList<string> words, StringBuilder output)
    {
        var o = new Reply(output);
        if (words.Count == 0)
        {
            o.Error(NutError.UnknownCommand);
            return;
        }
        string cmd = words[0].ToUpperInvariant();
        var args = new ArgList(words);
        bool needsAuth = cmd is "LOGIN" or "PRIMARY" or "MASTER" or "FSD" or "SET" or "INSTCMD";
        if (needsAuth)
        {
            if (client.Username is null) { o.Error(NutError.UsernameRequired); return; }
            if (client.Password is null) { o.Error(NutError.PasswordRequired); return; }
        }
        switch (cmd)
        {
            case "VER": Simple(args, o, NutVersion.ServerInfo); break;
            case "NETVER" or "PROTVER": Simple(args, o, NutVersion.ProtocolVersion); break;
            case "HELP": Simple(args, o, HelpText); break;
            case "STARTTLS": StartTls(client, o); break;
            case "GET": Get(client, args, o); break;
            case "LIST": List(args, o); break;
            case "USERNAME": Username(client, args, o); break;
            case "PASSWORD": Password(client, args, o); break;
            case "LOGIN": Login(client, args, o); break;
            case "LOGOUT": Logout(client, args, o); break;
            case "PRIMARY": Primary(client, args, o, "PRIMARY"); break;
            case "MASTER": Primary(client, args, o, "MASTER"); break;
            case "FSD": Fsd(client, args, o); break;
            case "SET": Set(client, args, o); break;
            case "INSTCMD": InstCmd(client, args, o); break;
            default: o.Error(NutError.UnknownCommand); break;
        }
    }

    static void Simple(ArgList args, Reply o, string text)
    {
        if (args.Count != 0) o.Error(NutError.InvalidArgument);
        else o.Line(text);
    }

    void StartTls(ClientState client, Reply o)
    {
        if (client.IsTls) { o.Error(NutError.AlreadySslMode); return; }
        if (!_ctx.TlsConfigured) { o.Error(NutError.FeatureNotConfigured); return; }
        client.TlsRequested = true;
        o.Line("OK STARTTLS");
    }

    // ---- GET ----

    void Get(ClientState client, ArgList a, Reply o)
    {
        if (a.Count < 1) { o.Error(NutError.InvalidArgument); return; }
        string sub = a[0].ToUpperInvariant();
        if (sub == "TRACKING")
        {
            if (a.Count == 1) o.Line(client.Tracking ? "ON" : "OFF");
            else if (!client.Tracking) o.Error(NutError.FeatureNotConfigured);
            else o.Line(_ctx.Tracking.Status(a[1]));
            return;
        }
        if (a.Count < 2) { o.Error(NutError.InvalidArgument); return; }
        string upsName = a[1];
        switch (sub)
        {
            case "NUMLOGINS":
            {
                if (Available(upsName, o) is not { } ups) return;
                o.Line($"NUMLOGINS {upsName} {ups.NumLogins}");
                return;
            }
            case "UPSDESC":
            {
                var ups = _ctx.FindUps(upsName);
                if (ups is null) { o.Error(NutError.UnknownUps); return; }
                o.Line($"UPSDESC {upsName} \"{(ups.Desc is null ? "Unavailable" : NutQuoting.Escape(ups.Desc))}\"");
                return;
            }
        }
        if (a.Count < 3) { o.Error(NutError.InvalidArgument); return; }
        string name = a[2];
        switch (sub)
        {
            case "VAR": GetVar(upsName, name, o); return;
            case "TYPE":
            {
                if (Available(upsName, o) is not { } ups) return;
                var v = ups.Data.Find(name);
                if (v is null) { o.Error(NutError.VarNotSupported); return; }
                o.Line($"TYPE {upsName} {name} {v.TypeWords}");
                return;
            }
            case "DESC":
            {
                if (Available(upsName, o) is null) return;
                o.Line($"DESC {upsName} {name} \"{_ctx.Descriptions.VariableDescription(name) ?? CmdVarTab.Unavailable}\"");
                return;
            }
            case "CMDDESC":
            {
                if (Available(upsName, o) is null) return;
                o.Line($"CMDDESC {upsName} {name} \"{_ctx.Descriptions.CommandDescription(name) ?? CmdVarTab.Unavailable}\"");
                return;
            }
        }
        o.Error(NutError.InvalidArgument);
    }

    void GetVar(string upsName, string name, Reply o)
    {
        if (name.StartsWith("server.", StringComparison.OrdinalIgnoreCase))
        {
            // The UPS name is not even looked up for server.* variables, and NUT answers with the
            // variable's own spelling, not the client's.
            if (name.Equals("server.info", StringComparison.OrdinalIgnoreCase))
                o.Line($"VAR {upsName} server.info \"{NutVersion.ServerInfo}\"");
            else if (name.Equals("server.version", StringComparison.OrdinalIgnoreCase))
                o.Line($"VAR {upsName} server.version \"{NutVersion.Release}\"");
            else
                o.Error(NutError.VarNotSupported);
            return;
        }
        if (Available(upsName, o) is not { } ups) return;
        var v = ups.Data.Find(name);
        if (v is null) { o.Error(NutError.VarNotSupported); return; }
        o.Line($"VAR {upsName} {name} \"{ValueWithFsd(ups, v)}\"");
    }

    static string ValueWithFsd(UpsEntry ups, VariableView v) =>
        ups.Fsd && v.Name.Equals("ups.status", StringComparison.OrdinalIgnoreCase) ? "FSD " + v.EscapedValue : v.EscapedValue;

    // ---- LIST ----

    void List(ArgList a, Reply o)
    {
        if (a.Count < 1) { o.Error(NutError.InvalidArgument); return; }
        string sub = a[0].ToUpperInvariant();
        if (sub == "UPS")
        {
            o.Line("BEGIN LIST UPS");
            foreach (var ups in _ctx.UpsList)
                o.Line($"UPS {ups.Name} \"{(ups.Desc is null ? CmdVarTab.Unavailable : NutQuoting.Escape(ups.Desc))}\"");
            o.Line("END LIST UPS");
            return;
        }
        if (a.Count < 2) { o.Error(NutError.InvalidArgument); return; }
        string upsName = a[1];
        switch (sub)
        {
            case "VAR":
            {
                if (Available(upsName, o) is not { } ups) return;
                var data = ups.Data;
                o.Line($"BEGIN LIST VAR {upsName}");
                foreach (var v in data.Sorted)
                    o.Line($"VAR {upsName} {v.Name} \"{ValueWithFsd(ups, v)}\"");
                o.Line($"END LIST VAR {upsName}");
                return;
            }
            case "RW":
            {
                if (Available(upsName, o) is not { } ups) return;
                var data = ups.Data;
                o.Line($"BEGIN LIST RW {upsName}");
                foreach (var v in data.Sorted)
                    if (v.IsReadWrite)
                        o.Line($"RW {upsName} {v.Name} \"{v.EscapedValue}\"");
                o.Line($"END LIST RW {upsName}");
                return;
            }
            case "CMD":
            {
                if (Available(upsName, o) is not { } ups) return;
                var data = ups.Data;
                o.Line($"BEGIN LIST CMD {upsName}");
                foreach (var c in data.Commands)
                    o.Line($"CMD {upsName} {c}");
                o.Line($"END LIST CMD {upsName}");
                return;
            }
            case "CLIENT":
            {
                var ups = _ctx.FindUps(upsName);
                if (ups is null) { o.Error(NutError.UnknownUps); return; }
                o.Line($"BEGIN LIST CLIENT {upsName}");
                foreach (var c in _ctx.Clients.Where(c => c.LoggedInto == ups).OrderByDescending(c => c.Sequence))
                    o.Line($"CLIENT {ups.Name} {c.Address}");
                o.Line($"END LIST CLIENT {upsName}");
                return;
            }
        }
        if (a.Count < 3) { o.Error(NutError.InvalidArgument); return; }
        string name = a[2];
        switch (sub)
        {
            case "ENUM":
            {
                if (Available(upsName, o) is not { } ups) return;
                var v = ups.Data.Find(name);
                if (v is null) { o.Error(NutError.VarNotSupported); return; }
                o.Line($"BEGIN LIST ENUM {upsName} {name}");
                foreach (var e in v.EscapedEnums)
                    o.Line($"ENUM {upsName} {name} \"{e}\"");
                o.Line($"END LIST ENUM {upsName} {name}");
                return;
            }
            case "RANGE":
            {
                if (Available(upsName, o) is not { } ups) return;
                var v = ups.Data.Find(name);
                if (v is null) { o.Error(NutError.VarNotSupported); return; }
                o.Line($"BEGIN LIST RANGE {upsName} {name}");
                foreach (var r in v.Ranges)
                    o.Line($"RANGE {upsName} {name} \"{r.Min}\" \"{r.Max}\"");
                o.Line($"END LIST RANGE {upsName} {name}");
                return;
            }
        }
        o.Error(NutError.InvalidArgument);
    }

    // ---- authentication and upsmon commands ----

    static void Username(ClientState client, ArgList a, Reply o)
    {
        if (a.Count != 1) { o.Error(NutError.InvalidArgument); return; }
        if (client.Username is not null) { o.Error(NutError.AlreadySetUsername); return; }
        client.Username = a[0];
        o.Line("OK");
    }

    static void Password(ClientState client, ArgList a, Reply o)
    {
        if (a.Count != 1) { o.Error(NutError.InvalidArgument); return; }
        if (client.Password is not null) { o.Error(NutError.AlreadySetPassword); return; }
        client.Password = a[0];
        o.Line("OK");
    }

    void Login(ClientState client, ArgList a, Reply o)
    {
        if (a.Count != 1) { o.Error(NutError.InvalidArgument); return; }
        if (client.LoggedInto is not null) { o.Error(NutError.AlreadyLoggedIn); return; }
        var ups = _ctx.FindUps(a[0]);
        if (ups is null) { o.Error(NutError.UnknownUps); return; }
        if (!Authorized(client, "LOGIN")) { o.Error(NutError.AccessDenied); return; }
        client.LoggedInto = ups;
        ups.AddLogin();
        NutLog.Info($"User {client.Username}@{client.Address} logged into UPS [{ups.Name}]");
        o.Line("OK");
    }

    static void Logout(ClientState client, ArgList a, Reply o)
    {
        if (a.Count != 0) { o.Error(NutError.InvalidArgument); return; }
        client.CloseRequested = true;
        o.Line("OK Goodbye");
    }

    void Primary(ClientState client, ArgList a, Reply o, string spelling)
    {
        if (a.Count != 1) { o.Error(NutError.InvalidArgument); return; }
        if (_ctx.FindUps(a[0]) is null) { o.Error(NutError.UnknownUps); return; }
        if (!Authorized(client, "PRIMARY") && !Authorized(client, "MASTER")) { o.Error(NutError.AccessDenied); return; }
        o.Line($"OK {spelling}-GRANTED");
    }

    void Fsd(ClientState client, ArgList a, Reply o)
    {
        if (a.Count != 1) { o.Error(NutError.InvalidArgument); return; }
        var ups = _ctx.FindUps(a[0]);
        if (ups is null) { o.Error(NutError.UnknownUps); return; }
        if (!Authorized(client, "FSD")) { o.Error(NutError.AccessDenied); return; }
        NutLog.Info($"Client {client.Username}@{client.Address} set FSD on UPS [{ups.Name}]");
        ups.Fsd = true;
        o.Line("OK FSD-SET");
    }

    // ---- SET and INSTCMD ----

    void Set(ClientState client, ArgList a, Reply o)
    {
        if (a.Count < 2) { o.Error(NutError.InvalidArgument); return; }
        string sub = a[0].ToUpperInvariant();
        if (sub == "TRACKING")
        {
            if (a[1].Equals("ON", StringComparison.OrdinalIgnoreCase)) client.Tracking = true;
            else if (a[1].Equals("OFF", StringComparison.OrdinalIgnoreCase)) client.Tracking = false;
            else { o.Error(NutError.InvalidArgument); return; }
            o.Line("OK");
            return;
        }
        if (sub != "VAR" || a.Count < 4) { o.Error(NutError.InvalidArgument); return; }
        string upsName = a[1], name = a[2], value = a[3];
        if (Available(upsName, o) is not { } ups) return;
        if (!Authorized(client, "SET")) { o.Error(NutError.AccessDenied); return; }
        var v = ups.Data.Find(name);
        if (v is null) { o.Error(NutError.VarNotSupported); return; }
        if (!v.IsReadWrite) { o.Error(NutError.Readonly); return; }
        if (v.IsString)
        {
            if (v.Aux < 1)
            {
                NutLog.Warning($"Set variable: invalid auxdata for string variable {name} on {ups.Name}");
                o.Error(NutError.SetFailed);
                return;
            }
            if (value.Length > v.Aux) { o.Error(NutError.TooLong); return; }
        }
        if (v.Enums.Length > 0 && !v.Enums.Contains(value, StringComparer.Ordinal)) { o.Error(NutError.InvalidValue); return; }
        if (v.Ranges.Length > 0)
        {
            int n = CInt.Atoi(value);
            if (!v.Ranges.Any(r => n >= r.Min && n <= r.Max)) { o.Error(NutError.InvalidValue); return; }
        }
        string? id = client.Tracking ? _ctx.Tracking.Add() : null;
        NutLog.Info($"Set variable: {client.Username}@{client.Address} set {name} on {ups.Name} to {value} (tracking ID: {id ?? "disabled"})");
        string line = $"SET {name} \"{NutQuoting.Escape(value)}\"" + (id is null ? "" : $" TRACKING {id}");
        if (ups.Link is null || !ups.Link.Send(line)) { o.Error(NutError.SetFailed); return; }
        o.Line(id is null ? "OK" : $"OK TRACKING {id}");
    }

    void InstCmd(ClientState client, ArgList a, Reply o)
    {
        if (a.Count < 2) { o.Error(NutError.InvalidArgument); return; }
        string upsName = a[0], cmd = a[1];
        string? param = a.Count == 3 ? a[2] : null; // with 4+ words NUT silently drops the parameter
        if (Available(upsName, o) is not { } ups) return;
        if (!ups.Data.HasCommand(cmd)) { o.Error(NutError.CmdNotSupported); return; }
        var user = AuthenticatedUser(client);
        if (user is null || !user.MayRun(cmd)) { o.Error(NutError.AccessDenied); return; }
        string? id = client.Tracking ? _ctx.Tracking.Add() : null;
        NutLog.Info($"Instant command: {client.Username}@{client.Address} did {cmd}"
            + (param is null ? "" : $" with value \"{param}\"") + $" on {ups.Name} (tracking ID: {id ?? "disabled"})");
        // 2.8.0 escapes the parameter but does not quote it.
        string line = $"INSTCMD {cmd}" + (param is null ? "" : " " + NutQuoting.Escape(param)) + (id is null ? "" : $" TRACKING {id}");
        if (ups.Link is null || !ups.Link.Send(line)) { o.Error(NutError.InstcmdFailed); return; }
        o.Line(id is null ? "OK" : $"OK TRACKING {id}");
    }

    // ---- helpers ----

    /// <summary>Looks the UPS up and checks its driver; writes the error and returns null when unusable.</summary>
    UpsEntry? Available(string upsName, Reply o)
    {
        var ups = _ctx.FindUps(upsName);
        if (ups is null) { o.Error(NutError.UnknownUps); return null; }
        if (ups.Availability() is { } error) { o.Error(error); return null; }
        return ups;
    }

    /// <summary>The connection's user when it exists and the password matches (compared in constant time).</summary>
    UpsdUser? AuthenticatedUser(ClientState client)
    {
        if (client.Username is null || client.Password is null)
            return null;
        var user = _ctx.Users.Find(client.Username);
        if (user?.Password is null)
            return null;
        byte[] expected = Encoding.UTF8.GetBytes(user.Password);
        byte[] given = Encoding.UTF8.GetBytes(client.Password);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? user : null;
    }

    bool Authorized(ClientState client, string action) => AuthenticatedUser(client)?.HasAction(action) == true;

    /// <summary>The request's words after the command.</summary>
    readonly struct ArgList(IReadOnlyList<string> words)
    {
        public int Count => words.Count - 1;
        public string this[int i] => words[i + 1];
    }

    /// <summary>Formats an interpolated reply line into the reply's output (see <see cref="Reply.Line(ref ReplyLine)"/>).</summary>
    [InterpolatedStringHandler]
    ref struct ReplyLine
    {
        StringBuilder.AppendInterpolatedStringHandler _inner;

        public ReplyLine(int literalLength, int formattedCount, Reply reply)
        {
            Start = reply.Output.Length;
            _inner = new StringBuilder.AppendInterpolatedStringHandler(literalLength, formattedCount, reply.Output);
        }

        public int Start { get; }
        public void AppendLiteral(string value) => _inner.AppendLiteral(value);
        public void AppendFormatted(string? value) => _inner.AppendFormatted(value);
        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
    }

    /// <summary>Reply lines with NUT's 512-character cut.</summary>
    readonly struct Reply(StringBuilder sb)
    {
        public StringBuilder Output => sb;

        public void Line(string text)
        {
            if (text.Length >= MaxReplyLine)
                sb.Append(text, 0, MaxReplyLine);
            else
                sb.Append(text).Append('\n');
        }

        /// <summary>A reply line written straight into the output: no string is made for it.</summary>
        public void Line([InterpolatedStringHandlerArgument("")] ref ReplyLine line)
        {
            if (sb.Length - line.Start >= MaxReplyLine)
                sb.Length = line.Start + MaxReplyLine;
            else
                sb.Append('\n');
        }

        public void Error(NutError error) => sb.Append("ERR ").Append(error.Token()).Append('\n');
    }
}
