using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>One LISTEN line: an address (name or literal) and a port.</summary>
public sealed record ListenAddress(string Address, int Port, int Line);

/// <summary>
/// upsd.conf (spec/config-files.md §3). Keywords are case-sensitive (except DEBUG_MIN); unknown or short
/// lines produce NUT's warning "upsd.conf: invalid directive ..." and are otherwise ignored.
/// </summary>
public sealed class UpsdConf
{
    public const int DefaultMaxAge = 15;
    public const int DefaultTrackingDelay = 3600;

    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<ListenAddress> _listen = [];

    public string FileName { get; }
    UpsdConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    /// <summary>LISTEN lines in file order (empty: the defaults 127.0.0.1 and ::1 apply).</summary>
    public IReadOnlyList<ListenAddress> Listen => _listen;
    public int MaxAge { get; private set; } = DefaultMaxAge;
    public int TrackingDelay { get; private set; } = DefaultTrackingDelay;
    public bool AllowNoDevice { get; private set; }
    public string? StatePath { get; private set; }
    public string? DataPath { get; private set; }
    /// <summary>Cap on descriptors (clients + drivers + listeners); null: the OS limit.</summary>
    public int? MaxConn { get; private set; }
    public string? CertFile { get; private set; }
    public string? CertPath { get; private set; }
    public (string Name, string Password)? CertIdent { get; private set; }
    public int CertRequest { get; private set; }
    public bool DisableWeakSsl { get; private set; }
    public int? DebugMin { get; private set; }

    public static UpsdConf Load(string path) => Parse(path, ConfigFile.ReadBytes(path));

    public static UpsdConf Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsdConf(fileName);
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
            conf.Apply(line.Words, line.LineNumber);
        return conf;
    }

    void Apply(string[] w, int line)
    {
        string key = w[0];
        if (w.Length >= 2)
        {
            switch (key)
            {
                case "MAXAGE":
                    if (CInt.StartsWithDigit(w[1])) MaxAge = CInt.Atoi(w[1]);
                    else Error(line, $"MAXAGE has non numeric value ({w[1]})!");
                    return;
                case "TRACKINGDELAY":
                    if (CInt.StartsWithDigit(w[1])) TrackingDelay = CInt.Atoi(w[1]);
                    else Error(line, $"TRACKINGDELAY has non numeric value ({w[1]})!");
                    return;
                case "ALLOW_NO_DEVICE":
                    if (ParseBool(w[1]) is { } b) AllowNoDevice = b;
                    else Error(line, $"ALLOW_NO_DEVICE has non numeric and non boolean value ({w[1]})!");
                    return;
                case "STATEPATH":
                    StatePath = w[1];
                    return;
                case "DATAPATH":
                    DataPath = w[1];
                    return;
                case "MAXCONN":
                    if (CInt.StartsWithDigit(w[1])) MaxConn = CInt.Atoi(w[1]);
                    else Error(line, $"MAXCONN has non numeric value ({w[1]})!");
                    return;
                case "CERTFILE":
                    CertFile = w[1];
                    return;
                case "CERTPATH":
                    CertPath = w[1];
                    return;
                case "CERTIDENT" when w.Length >= 3:
                    CertIdent = (w[1], w[2]);
                    return;
                case "CERTREQUEST":
                    CertRequest = CInt.Atoi(w[1]);
                    return;
                case "DISABLE_WEAK_SSL":
                    if (ParseBool(w[1]) is { } weak) DisableWeakSsl = weak;
                    else Error(line, $"DISABLE_WEAK_SSL has non boolean value ({w[1]})!");
                    return;
                case "LISTEN":
                    int port = NutPaths.DefaultPort;
                    if (w.Length >= 3)
                    {
                        port = CInt.Atoi(w[2]);
                        if (port < 1 || port > 65535)
                        {
                            Error(line, $"LISTEN {w[1]} {w[2]}: expected a port number from 1 to 65535");
                            return;
                        }
                    }
                    _listen.Add(new ListenAddress(w[1], port, line));
                    return;
                case "ACL" or "ACCEPT" or "REJECT":
                    Warn(line, $"{key} in upsd.conf is no longer supported - switch to LISTEN");
                    return;
            }
            if (key.Equals("DEBUG_MIN", StringComparison.OrdinalIgnoreCase))
            {
                DebugMin = CInt.Atoi(w[1]);
                return;
            }
        }
        Warn(line, "upsd.conf: invalid directive " + string.Join(' ', w));
    }

    /// <summary>NUT's boolean words: digits (non-zero true) or true/yes/on, false/no/off (any case).</summary>
    public static bool? ParseBool(string value)
    {
        if (CInt.StartsWithDigit(value))
            return CInt.Atoi(value) != 0;
        return value.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };
    }

    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message, IsError: true));
}
