using System.Globalization;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Scanner;

/// <summary>
/// nut-scanner: finds power devices on USB (sysfs), SNMP agents and NUT servers over an address range, and serial
/// ports (Q1 and APC Smart probes), and prints ups.conf sections for them (docs/nut-scanner.md). Options, messages,
/// output formats and exit codes are NUT 2.8.0's; the XML/HTTP, avahi and IPMI scans are reported as not available.
/// </summary>
public static class NutScannerProgram
{
    /// <summary>NUT's option string (getopt_long), plus our long-only --snmp_port.</summary>
    const string OptString = "?ht:T:s:e:E:c:l:u:W:X:w:x:p:b:B:d:L:CUSMOAm:NPqIVaD";

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, SnmpClient.Create);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<SnmpSettings, ISnmpClient> snmp)
    {
        var translated = ScannerLongOptions.Translate(args, OptString, out string? longError);
        if (translated is null)
            return Usage(stdout, stderr, longError, bad: true);
        var parsed = GetOpt.Parse(translated, OptString + ScannerLongOptions.SnmpPortLetter + ":");
        int debug = parsed.Options.Count(o => o.Option == 'D');

        var o = new ScanRequest();
        foreach (var (letter, arg) in parsed.Options)
        {
            switch (letter)
            {
                case 't':
                    long seconds = LeadingLong(arg!);
                    if (seconds <= 0)
                    {
                        stderr.Write($"Illegal timeout value, using default {ScannerHelp.DefaultTimeoutSeconds}s\n");
                        seconds = ScannerHelp.DefaultTimeoutSeconds;
                    }
                    o.Timeout = TimeSpan.FromSeconds(Math.Min(seconds, 86400));
                    break;
                case 's': o.StartIp = arg; o.EndIp ??= arg; break;
                case 'e': o.EndIp = arg; o.StartIp ??= arg; break;
                case 'E': o.SerialPorts = arg; o.Serial = true; break;
                case 'm': o.Cidr = arg; break;
                case 'c': o.Security = o.Security with { Community = arg }; break;
                case 'l': o.Security = o.Security with { SecLevel = arg }; break;
                case 'u': o.Security = o.Security with { SecName = arg }; break;
                case 'W': o.Security = o.Security with { AuthPassword = arg }; break;
                case 'X': o.Security = o.Security with { PrivPassword = arg }; break;
                case 'w': o.Security = o.Security with { AuthProtocol = arg }; break;
                case 'x': o.Security = o.Security with { PrivProtocol = arg }; break;
                case 'p': o.NutPort = arg; break;
                case ScannerLongOptions.SnmpPortLetter:
                    if (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int sp) || sp is < 1 or > 65535)
                    {
                        stderr.Write($"{Argv0.Current}: --snmp_port {arg}: expected a UDP port number 1-65535\n");
                        return Usage(stdout, stderr, null, bad: true);
                    }
                    o.SnmpPort = sp;
                    break;
                case 'T':
                    bool whole = long.TryParse(arg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long threads);
                    if (whole && threads > 0)
                        o.MaxThreads = (int)Math.Min(threads, int.MaxValue);
                    else
                        stderr.Write($"WARNING: Requested max scanning thread count {arg} ({(whole ? threads : LeadingLong(arg!))}) is out of range, using default {o.MaxThreads}\n");
                    break;
                case 'C': o.All = true; break;
                case 'U': o.Usb = true; break;
                case 'S': o.Snmp = true; break;
                case 'O': o.Nut = true; break;
                case 'N': o.Parsable = false; break;
                case 'P': o.Parsable = true; break;
                case 'q': o.Quiet = true; break;
                case 'D': break;
                case 'V':
                    stdout.Write($"Network UPS Tools - {NutVersion.Release}\n");
                    return 0;
                case 'a':
                    stdout.Write("OLDNUT\nUSB\nSNMP\nEATON_SERIAL\n");
                    return 0;
                case 'h':
                    stdout.Write(ScannerHelp.Text);
                    return 0;
                case '?':
                    // "-?" itself is in NUT's option string: no getopt message, but still a bad option.
                    string what = parsed.MissingArgument ? "option requires an argument" : "invalid option";
                    return Usage(stdout, stderr, arg is null ? null : $"{Argv0.Current}: {what} -- '{arg}'", bad: true);
                default:
                    // -M, -A, -I and their options (-b -B -d -L): scans we do not have. NUT shows the usage and the
                    // warning but exits 0 when a scan's library is missing.
                    return Usage(stdout, stderr, null, bad: false);
            }
        }
        return new ScanRun(o, stdout, stderr, snmp, debug).Execute();
    }

    static int Usage(TextWriter stdout, TextWriter stderr, string? message, bool bad)
    {
        if (message is not null)
            stderr.Write(message + "\n");
        stdout.Write(ScannerHelp.Text);
        stdout.Flush();
        stderr.Write(ScannerHelp.OptionError);
        return bad ? 255 : 0;
    }

    /// <summary>atol/strtol: optional sign and the leading digits, 0 when there are none.</summary>
    static long LeadingLong(string s)
    {
        int i = 0;
        bool negative = false;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
        long v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && v < long.MaxValue / 10 - 10)
            v = v * 10 + (s[i++] - '0');
        return negative ? -v : v;
    }
}
