using Nut.Core.Config;
using Nut.Core.Programs;

namespace Nut.Tools.Check;

/// <summary>
/// <c>nut-check [-q] [CONFDIR]</c>: reads a whole configuration directory with the daemons' own parsers, runs every
/// <see cref="IConfigCheck"/>, and prints each finding as <c>file:line: error|warning: message</c>, then a summary.
/// Exit 0 without errors (warnings allowed), 1 with any error, 2 when the directory cannot be read — so packaging
/// and CI can call it.
/// </summary>
public static class NutCheckProgram
{
    public const int Clean = 0, HasErrors = 1, Unreadable = 2;

    const string Usage = """
        usage: nut-check [OPTIONS] [CONFDIR]

        Checks a NUT configuration directory (default: $NUT_CONFPATH or /etc/nut) and
        reports every problem as file:line: error|warning: message.

          -q        print errors only
          -h        display this help

        Exit status: 0 no errors (warnings allowed), 1 errors found, 2 directory unreadable.

        """;

    static readonly string[] KnownFiles = ["nut.conf", "ups.conf", "upsd.conf", "upsd.users", "upsmon.conf", "upssched.conf"];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = GetOpt.Parse(args, "hq");
        bool quiet = false;
        foreach (var o in parsed.Options)
        {
            switch (o.Option)
            {
                case 'h': stdout.Write(Usage); return Clean;
                case 'q': quiet = true; break;
                default: stderr.Write($"nut-check: invalid option -- '{o.Argument}'\n" + Usage); return Unreadable;
            }
        }
        if (parsed.Operands.Count > 1)
        {
            stderr.Write(Usage);
            return Unreadable;
        }
        string dir = parsed.Operands.Count == 1 ? parsed.Operands[0] : NutPaths.ConfPath;
        if (dir.Length == 0)
            dir = ".";
        try
        {
            if (!Directory.EnumerateFileSystemEntries(dir).Any(e => KnownFiles.Contains(Path.GetFileName(e))))
            {
                stderr.Write($"nut-check: {dir}: no NUT configuration files here (expected {string.Join(", ", KnownFiles)})\n");
                return Unreadable;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.Write($"nut-check: cannot read {dir}: {ConfigFile.Reason(e)}\n");
            return Unreadable;
        }

        var found = Check(dir);
        int errors = found.Count(d => d.IsError), warnings = found.Count - errors;
        foreach (var d in found)
            if (d.IsError || !quiet)
                stdout.Write(Format(d) + "\n");
        stdout.Write($"nut-check: {dir}: {errors} error(s), {warnings} warning(s)\n");
        return errors > 0 ? HasErrors : Clean;
    }

    /// <summary>Every finding for the directory: the parsers' and each check's, by file and line.</summary>
    public static List<ConfigDiagnostic> Check(string dir) => Check(CheckContext.Load(dir));

    public static List<ConfigDiagnostic> Check(CheckContext context)
    {
        foreach (var check in ConfigChecks.All)
            check.Run(context);
        return [.. context.Found.Distinct().OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line)];
    }

    /// <summary><c>file:line: error: message</c> (the <see cref="ConfigDiagnostic"/> form, with the severity).</summary>
    public static string Format(ConfigDiagnostic d) =>
        (d with { Message = (d.IsError ? "error: " : "warning: ") + d.Message }).ToString();
}
