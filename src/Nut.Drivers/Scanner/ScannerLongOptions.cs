namespace Nut.Drivers.Scanner;

/// <summary>
/// nut-scanner's getopt_long names, turned into their short letters before the POSIX parser sees them
/// (<c>--timeout 3</c> and <c>--timeout=3</c> both become <c>-t 3</c>). Unknown long names are reported as glibc does.
/// <c>--snmp_port</c> is ours (long only, no NUT equivalent): the UDP port SNMP agents are asked on, default 161.
/// </summary>
public static class ScannerLongOptions
{
    /// <summary>The short letter our own long-only option is mapped to (not a letter NUT uses).</summary>
    public const char SnmpPortLetter = '\u0001';

    static readonly Dictionary<string, char> Names = new(StringComparer.Ordinal)
    {
        ["timeout"] = 't', ["thread"] = 'T', ["start_ip"] = 's', ["end_ip"] = 'e', ["eaton_serial"] = 'E',
        ["mask_cidr"] = 'm', ["community"] = 'c', ["secLevel"] = 'l', ["secName"] = 'u', ["authPassword"] = 'W',
        ["privPassword"] = 'X', ["authProtocol"] = 'w', ["privProtocol"] = 'x', ["port"] = 'p',
        ["complete_scan"] = 'C', ["usb_scan"] = 'U', ["snmp_scan"] = 'S', ["xml_scan"] = 'M', ["oldnut_scan"] = 'O',
        ["avahi_scan"] = 'A', ["ipmi_scan"] = 'I', ["disp_nut_conf"] = 'N', ["disp_parsable"] = 'P', ["quiet"] = 'q',
        ["help"] = 'h', ["version"] = 'V', ["available"] = 'a', ["nut_debug_level"] = 'D',
        ["username"] = 'b', ["password"] = 'B', ["authType"] = 'd', ["cipher_suite_id"] = 'L',
        ["snmp_port"] = SnmpPortLetter,
    };

    /// <summary>Rewrites long options to short ones. Returns null and an error line when a long option is unknown.</summary>
    public static string[]? Translate(string[] args, string optstring, out string? error)
    {
        error = null;
        var result = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                result.AddRange(args[i..]);
                break;
            }
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                result.Add(a);
                continue;
            }
            string name = a[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
                (name, value) = (name[..eq], name[(eq + 1)..]);
            if (!Names.TryGetValue(name, out char letter))
            {
                error = $"{Argv0.Current}: unrecognized option '{a}'";
                return null;
            }
            bool takesArg = letter == SnmpPortLetter || optstring.IndexOf(letter + ":", StringComparison.Ordinal) >= 0;
            if (!takesArg && value is not null)
            {
                error = $"{Argv0.Current}: option '--{name}' doesn't allow an argument";
                return null;
            }
            if (takesArg && value is null)
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{Argv0.Current}: option '--{name}' requires an argument";
                    return null;
                }
                value = args[++i];
            }
            result.Add("-" + letter);
            if (takesArg)
                result.Add(value!);
        }
        return [.. result];
    }
}
