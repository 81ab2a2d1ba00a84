using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>Runs our nut-scanner or Debian's (/bin/nut-scanner, the oracle) and returns exit code, stdout, stderr.</summary>
public static class ScannerRun
{
    public static string Ours => Paths.Ours("nut-scanner");
    public const string Debian = "/bin/nut-scanner";

    public static ProcResult Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null) =>
        Proc.Run(program, args, env, TimeSpan.FromSeconds(60));
}
