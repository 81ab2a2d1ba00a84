using Nut.Core.Programs;

namespace Nut.Platform;

/// <summary>
/// The path to run this same program again under the same NUT name (daemons re-execute themselves to go to
/// the background, because .NET cannot fork). argv[0] is what matters: it is the link named "upsd",
/// "dummy-ups"... — so it is resolved (against the start-up directory or PATH), not /proc/self/exe.
/// </summary>
public static class SelfPath
{
    static readonly string s_startDirectory = Environment.CurrentDirectory;

    /// <summary>Call early (before any chdir) so relative argv[0] resolves correctly.</summary>
    public static void Capture() => _ = s_startDirectory;

    public static string Resolve()
    {
        string argv0 = ReadArgv0();
        if (argv0.Contains('/'))
            return Path.GetFullPath(argv0, s_startDirectory);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, argv0);
            if (File.Exists(candidate))
                return candidate;
        }
        // Started as "nut NAME": run the real binary with NAME as first argument is not possible
        // under the same argv[0], so fall back to the executable itself.
        return Environment.ProcessPath ?? argv0;
    }

    /// <summary>Extra leading arguments needed when we were started as "nut NAME ..." rather than via a link.</summary>
    public static string[] DispatchPrefix()
    {
        string argv0 = Path.GetFileName(ReadArgv0());
        return argv0 == ProcessName.Current ? [] : [ProcessName.Current];
    }

    static string ReadArgv0()
    {
        byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
        int end = Array.IndexOf(cmdline, (byte)0);
        return System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
    }
}
