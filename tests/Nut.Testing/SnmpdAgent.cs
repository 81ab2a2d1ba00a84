using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nut.Testing;

/// <summary>
/// Debian's /usr/sbin/snmpd serving the simulated UPS of testdata/snmp on a free 127.0.0.1 UDP port, with a private
/// configuration (mirrors testdata/snmp/run-snmpd.sh): communities <see cref="ReadCommunity"/> (read-only) and
/// <see cref="WriteCommunity"/> (read-write), and the v3 users below, all allowed to SET. The value file is a copy
/// of ups-state.txt in a temp dir (the checked-in one is never touched); <see cref="SetValue"/> changes the UPS.
/// </summary>
public sealed class SnmpdAgent : IDisposable
{
    public const string ReadCommunity = "public";
    public const string WriteCommunity = "private";

    /// <summary>sysObjectID per flavour ("ietf": the UPS-MIB root; "apc": an APC Smart-UPS).</summary>
    public const string IetfSysObjectId = ".1.3.6.1.2.1.33";
    public const string ApcSysObjectId = ".1.3.6.1.4.1.318.1.3.27";

    /// <summary>A v3 user: secName, authProtocol/authPassword, privProtocol/privPassword as snmp-ups' options spell them
    /// (null protocol: that level is not used), and the secLevel to use.</summary>
    public sealed record V3User(string Name, string SecLevel, string? AuthProtocol, string? AuthPassword, string? PrivProtocol, string? PrivPassword);

    public static readonly V3User NoAuthUser = new("nsnoauth", "noAuthNoPriv", null, null, null, null);
    public static readonly V3User Md5AuthUser = new("nsmd5", "authNoPriv", "MD5", "md5-auth-pass", null, null);
    public static readonly V3User ShaAuthUser = new("nssha", "authNoPriv", "SHA", "sha-auth-pass", null, null);
    public static readonly V3User ShaAesUser = new("nsshaaes", "authPriv", "SHA", "sha-auth-pass", "AES", "aes-priv-pass");
    public static readonly V3User Md5DesUser = new("nsmd5des", "authPriv", "MD5", "md5-auth-pass", "DES", "des-priv-pass");
    public static readonly V3User Sha256AesUser = new("nssha256aes", "authPriv", "SHA256", "sha256-auth-pass", "AES", "aes-priv-pass");
    /// <summary>SHA-1 (20-byte keys) with AES-256 (32-byte key): exercises the key extension.</summary>
    public static readonly V3User ShaAes256User = new("nsshaaes256", "authPriv", "SHA", "sha-auth-pass", "AES256", "aes256-priv-pass");
    /// <summary>MD5 (16-byte keys) with AES-192 (24-byte key): exercises the key extension.</summary>
    public static readonly V3User Md5Aes192User = new("nsmd5aes192", "authPriv", "MD5", "md5-auth-pass", "AES192", "aes192-priv-pass");
    public static readonly V3User Sha512Aes256User = new("nssha512aes256", "authPriv", "SHA512", "sha512-auth-pass", "AES256", "aes256-priv-pass");

    public static IReadOnlyList<V3User> V3Users { get; } =
        [NoAuthUser, Md5AuthUser, ShaAuthUser, ShaAesUser, Md5DesUser, Sha256AesUser, ShaAes256User, Md5Aes192User, Sha512Aes256User];

    readonly TempDir _dir;
    readonly Daemon _snmpd;

    SnmpdAgent(TempDir dir, Daemon snmpd, int port, string statePath)
    {
        _dir = dir;
        _snmpd = snmpd;
        Port = port;
        StatePath = statePath;
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", what snmp-ups' <c>port=</c> and the net-snmp tools take.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The value file the pass_persist handler reads on every request.</summary>
    public string StatePath { get; }

    /// <summary>snmpd's own log (useful in assertion messages).</summary>
    public string Log => File.Exists(_dir["snmpd.log"]) ? File.ReadAllText(_dir["snmpd.log"]) : "";

    /// <summary>Environment for the net-snmp command-line tools (keeps their persistent files out of /var/lib/snmp).</summary>
    public IDictionary<string, string> ToolEnvironment => new Dictionary<string, string>
    {
        ["SNMP_PERSISTENT_DIR"] = _dir["tools"],
        ["MIBS"] = "",
        ["SNMPCONFPATH"] = _dir["tools"],
    };

    /// <summary>The subtrees the simulator serves by default: RFC 1628 UPS-MIB and APC PowerNet.</summary>
    public static readonly string[] DefaultSubtrees = [".1.3.6.1.2.1.33", ".1.3.6.1.4.1.318"];

    /// <summary>The checked-in value file's lines (testdata/snmp/ups-state.txt), to start a custom agent from.</summary>
    public static List<string> DefaultStateLines() => [.. File.ReadAllLines(Path.Combine(Paths.TestData, "snmp", "ups-state.txt"))];

    /// <summary>
    /// Starts snmpd for <paramref name="mib"/> "ietf" or "apc" and waits until it listens (through the same empty-line
    /// filter as <see cref="StartCustom"/>, so a request right after a SET does not meet a restarting handler).
    /// </summary>
    public static SnmpdAgent Start(string mib = "ietf")
    {
        string sysOid = mib switch
        {
            "ietf" => IetfSysObjectId,
            "apc" => ApcSysObjectId,
            _ => throw new ArgumentException($"mib '{mib}': expected \"ietf\" or \"apc\"", nameof(mib)),
        };
        return StartCustom(sysOid, DefaultStateLines());
    }

    /// <summary>
    /// Starts snmpd with the value lines <paramref name="stateLines"/> (same format as ups-state.txt), answering
    /// <paramref name="sysObjectId"/>, with the simulator serving <paramref name="subtrees"/> (default: UPS-MIB and APC).
    /// snmpd's pass_persist sends an empty line after each SET, which the simulator reads as end of input: it exits, and
    /// the request after every SET fails while snmpd restarts it. Here a filter drops those empty lines, so consecutive
    /// SETs (commands, then delays) behave as on a real agent.
    /// </summary>
    public static SnmpdAgent StartCustom(string sysObjectId, IEnumerable<string> stateLines, params string[] subtrees)
    {
        var dir = new TempDir("snmpd-handler");
        string handler = dir.Write("filtered-handler.sh",
            "#!/bin/sh\ngrep --line-buffered -v '^$' | exec /usr/bin/python3 '" + Path.Combine(Paths.TestData, "snmp", "ups-pass-persist.py") + "'\n");
        File.SetUnixFileMode(handler, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var agent = Launch(sysObjectId, stateLines, subtrees.Length > 0 ? subtrees : DefaultSubtrees, handler);
        agent._handlerDir = dir;
        return agent;
    }

    TempDir? _handlerDir;

    static SnmpdAgent Launch(string sysOid, IEnumerable<string> stateLines, IEnumerable<string> subtrees, string handler)
    {
        var dir = new TempDir("snmpd");
        Directory.CreateDirectory(dir["persist"]);
        Directory.CreateDirectory(dir["tools"]);
        string state = dir["state.txt"];
        File.WriteAllLines(state, stateLines);
        int port = FreeUdpPort();
        var conf = new System.Text.StringBuilder();
        conf.Append(CultureInfo.InvariantCulture, $"agentAddress udp:127.0.0.1:{port}\n");
        conf.Append($"rocommunity {ReadCommunity} 127.0.0.1\nrwcommunity {WriteCommunity} 127.0.0.1\n");
        conf.Append($"sysDescr Simulated UPS for driver tests\nsysObjectID {sysOid}\nsysContact test@localhost\nsysLocation lab\n");
        foreach (var subtree in subtrees)
            conf.Append($"pass_persist {subtree} {handler}\n");
        foreach (var u in V3Users)
        {
            conf.Append("createUser ").Append(u.Name);
            if (u.AuthProtocol is not null)
                conf.Append(' ').Append(NetSnmpName(u.AuthProtocol)).Append(" \"").Append(u.AuthPassword).Append('"');
            if (u.PrivProtocol is not null)
                conf.Append(' ').Append(NetSnmpName(u.PrivProtocol)).Append(" \"").Append(u.PrivPassword).Append('"');
            conf.Append('\n');
            string level = u.SecLevel switch { "authPriv" => "priv", "authNoPriv" => "auth", _ => "noauth" };
            conf.Append("rwuser ").Append(u.Name).Append(' ').Append(level).Append('\n');
        }
        dir.Write("snmpd.conf", conf.ToString());
        var env = new Dictionary<string, string> { ["UPS_STATE"] = state, ["SNMP_PERSISTENT_DIR"] = dir["persist"] };
        var snmpd = Proc.Start("/usr/sbin/snmpd",
            ["-f", "-C", "-m", "", "-I", "-smux", "-c", dir["snmpd.conf"], "-Lf", dir["snmpd.log"], "-p", dir["snmpd.pid"]], env);
        var agent = new SnmpdAgent(dir, snmpd, port, state);
        try
        {
            snmpd.WaitUntil(() => IsListening(port), $"snmpd listening on udp 127.0.0.1:{port}", 20);
        }
        catch
        {
            agent.Dispose();
            throw;
        }
        return agent;
    }

    /// <summary>Sets <paramref name="oid"/> (numeric, leading dot) in the value file to <paramref name="value"/> of pass type
    /// <paramref name="type"/> (integer, gauge, counter, timeticks, string, objectid, ipaddress), keeping its rw mark;
    /// adds the line if it is new. Written atomically, so the handler never reads half a file.</summary>
    public void SetValue(string oid, string type, string value)
    {
        var lines = File.ReadAllLines(StatePath).ToList();
        int at = lines.FindIndex(l => l.Split(' ', 2)[0] == oid);
        string rw = at >= 0 && lines[at].TrimEnd().EndsWith(" rw", StringComparison.Ordinal) ? " rw" : "";
        string line = $"{oid} {type} {value}{rw}";
        if (at >= 0)
            lines[at] = line;
        else
            lines.Add(line);
        string tmp = StatePath + ".new";
        File.WriteAllLines(tmp, lines);
        File.Move(tmp, StatePath, overwrite: true);
    }

    /// <summary>The value file's raw value text for <paramref name="oid"/>, or null.</summary>
    public string? GetValue(string oid)
    {
        foreach (var l in File.ReadAllLines(StatePath))
        {
            var parts = l.Split(' ', 3);
            if (parts.Length == 3 && parts[0] == oid)
                return parts[2].EndsWith(" rw", StringComparison.Ordinal) ? parts[2][..^3] : parts[2];
        }
        return null;
    }

    /// <summary>The net-snmp tools' security arguments for <paramref name="u"/> (-v3 -l -u -a -A -x -X).</summary>
    public static List<string> NetSnmpV3Args(V3User u)
    {
        var args = new List<string> { "-v3", "-l", u.SecLevel, "-u", u.Name };
        if (u.AuthProtocol is not null)
            args.AddRange(["-a", NetSnmpName(u.AuthProtocol), "-A", u.AuthPassword!]);
        if (u.PrivProtocol is not null)
            args.AddRange(["-x", NetSnmpName(u.PrivProtocol), "-X", u.PrivPassword!]);
        return args;
    }

    /// <summary>snmp-ups spells "SHA256", "AES192"; net-snmp's createUser and -a/-x want "SHA-256", "AES-192".</summary>
    static string NetSnmpName(string protocol) => protocol switch
    {
        "SHA256" => "SHA-256",
        "SHA384" => "SHA-384",
        "SHA512" => "SHA-512",
        "AES192" => "AES-192",
        "AES256" => "AES-256",
        _ => protocol,
    };

    static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    /// <summary>True once a UDP socket is bound to 127.0.0.1:port (/proc/net/udp lists it as 0100007F:PORT).</summary>
    static bool IsListening(int port)
    {
        string needle = $"0100007F:{port:X4}";
        return File.ReadLines("/proc/net/udp").Any(l => l.Contains(needle, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _snmpd.Dispose(); // SIGTERM; its pass_persist children exit when their stdin closes
        _dir.Dispose();
        _handlerDir?.Dispose();
    }
}
