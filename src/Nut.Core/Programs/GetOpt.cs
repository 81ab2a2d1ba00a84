namespace Nut.Core.Programs;

/// <summary>One parsed option: its letter and its argument (null for a flag).</summary>
public readonly record struct ParsedOption(char Option, string? Argument);

/// <summary>
/// POSIX getopt as NUT's programs use it (option strings like <c>"+h46p:qr:i:fu:Vc:P:DFB"</c>): clustered
/// flags (<c>-DDD</c>), attached or separate arguments (<c>-uroot</c>, <c>-u root</c>), <c>--</c>, and with a
/// leading <c>+</c> parsing stops at the first non-option word. Unknown options and missing arguments are
/// reported, never thrown.
/// </summary>
public sealed class GetOpt
{
    public List<ParsedOption> Options { get; } = [];
    public List<string> Operands { get; } = [];
    /// <summary>The first bad option letter, if any (unknown, or missing its argument).</summary>
    public char? BadOption { get; private set; }
    /// <summary>True when <see cref="BadOption"/> was missing its argument rather than unknown.</summary>
    public bool MissingArgument { get; private set; }

    public static GetOpt Parse(string[] args, string optstring)
    {
        var r = new GetOpt();
        bool stopAtOperand = optstring.StartsWith('+');
        string spec = optstring.TrimStart('+');
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { i++; break; }
            if (a.Length < 2 || a[0] != '-')
            {
                if (stopAtOperand) break;
                r.Operands.Add(a);
                continue;
            }
            for (int j = 1; j < a.Length; j++)
            {
                char c = a[j];
                int at = spec.IndexOf(c);
                if (at < 0 || c == ':')
                {
                    r.BadOption ??= c;
                    r.Options.Add(new ParsedOption('?', c.ToString()));
                    continue;
                }
                bool takesArg = at + 1 < spec.Length && spec[at + 1] == ':';
                if (!takesArg)
                {
                    r.Options.Add(new ParsedOption(c, null));
                    continue;
                }
                string? value = j + 1 < a.Length ? a[(j + 1)..] : (i + 1 < args.Length ? args[++i] : null);
                if (value is null)
                {
                    r.BadOption ??= c;
                    r.MissingArgument = r.BadOption == c;
                    r.Options.Add(new ParsedOption('?', c.ToString()));
                }
                else
                {
                    r.Options.Add(new ParsedOption(c, value));
                }
                break;
            }
        }
        for (; i < args.Length; i++)
            r.Operands.Add(args[i]);
        return r;
    }
}
