namespace Nut.Drivers.Scanner;

/// <summary>
/// argv[0] exactly as the program was started (glibc's getopt starts its messages with it, e.g.
/// "/bin/nut-scanner: invalid option -- 'Z'"). Under the .NET apphost only /proc/self/cmdline still has it.
/// </summary>
public static class Argv0
{
    public static string Current { get; } = Read();

    static string Read()
    {
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            string argv0 = System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
            // Run as "nut nut-scanner ..." (the dispatcher), the program's own name is the better prefix.
            return Path.GetFileName(argv0) == "nut-scanner" ? argv0 : "nut-scanner";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "nut-scanner";
        }
    }
}
