using Nut.Core.Programs;

namespace NutSharp;

/// <summary>
/// The one executable. NUT's programs are told apart by the name they are run as (a driver's socket,
/// PID file and syslog ident all derive from it), so every program is a link to this binary and we
/// dispatch on the base name of argv[0]. `nut NAME args...` also works, for debugging.
/// </summary>
public static class Program
{
    static IEnumerable<NutProgram> AllPrograms() =>
        Nut.Server.Programs.All
            .Concat(Nut.Drivers.Programs.All)
            .Concat(Nut.Monitor.Programs.All)
            .Concat(Nut.Tools.Programs.All);

    public static int Main(string[] args)
    {
        string invokedAs = InvokedName();
        var programs = AllPrograms().ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (programs.TryGetValue(invokedAs, out var program))
            return program.Run(args);
        if (args.Length > 0 && programs.TryGetValue(args[0], out program))
        {
            ProcessName.Override(args[0]);
            return program.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] == "--list")
        {
            foreach (var p in programs.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
                Console.WriteLine(p.Name);
            return 0;
        }
        Console.Error.WriteLine($"nut: unknown program name '{invokedAs}'. Run as one of: "
            + string.Join(", ", programs.Keys.Order(StringComparer.Ordinal))
            + " (a link to this binary), or as 'nut NAME ARGS...'; 'nut --list' lists them.");
        return 1;
    }

    static string InvokedName() => ProcessName.Current;
}
