namespace Nut.Core.Programs;

/// <summary>
/// The name this process was started as, as NUT uses it: basename of argv[0]. Under the .NET apphost,
/// Environment.GetCommandLineArgs()[0] is the managed dll, not what the user typed, so read the real
/// argv[0] from /proc/self/cmdline (it is the link name, e.g. "dummy-ups", not the link target).
/// </summary>
public static class ProcessName
{
    static string? s_override;

    public static string Current => s_override ??= ReadArgv0();

    /// <summary>Used when dispatching "nut NAME ...": the program then behaves as if run as NAME.</summary>
    public static void Override(string name) => s_override = name;

    static string ReadArgv0()
    {
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            string argv0 = System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
            return Path.GetFileName(argv0);
        }
        catch (IOException)
        {
            return Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
        }
    }
}
