using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Nut.Platform;

/// <summary>
/// NUT's logging (common.c): messages go to stderr while in the foreground and to syslog (ident = program
/// name, facility daemon) once in the background. With a debug level ≥ 1 each stderr line is prefixed
/// with the seconds since the first message (<c>%4.0f.%06ld\t</c>), and debug lines also with
/// <c>[D&lt;level&gt;] </c>. Passwords must never be passed here.
/// </summary>
public static partial class NutLog
{
    static readonly Stopwatch s_clock = Stopwatch.StartNew();
    static readonly object s_lock = new();
    static bool s_syslog;
    static bool s_stderr = true;
    static nint s_ident;

    /// <summary>Debug level (each -D adds one).</summary>
    public static int DebugLevel { get; set; }

    /// <summary>Messages below this level are not shown (-q raises it).</summary>
    public static int Quiet { get; set; }

    /// <summary>Switches to syslog (and off stderr), as NUT does when it goes to the background.</summary>
    public static void UseSyslog(string ident, bool alsoStderr = false)
    {
        if (!s_syslog)
        {
            s_ident = Marshal.StringToCoTaskMemUTF8(ident); // openlog keeps the pointer
            OpenLog(s_ident, 0x01 /* LOG_PID */, 3 << 3 /* LOG_DAEMON */);
            s_syslog = true;
        }
        s_stderr = alsoStderr;
    }

    /// <summary>An informational message (upslogx LOG_INFO / NOTICE).</summary>
    public static void Info(string message) => Write(6, message, 0);

    public static void Notice(string message) => Write(5, message, 0);

    public static void Warning(string message) => Write(4, message, 0);

    public static void Error(string message) => Write(3, message, 0);

    /// <summary>A critical condition (LOG_CRIT), e.g. upsmon starting a power-fail shutdown.</summary>
    public static void Critical(string message) => Write(2, message, 0);

    /// <summary>Action must be taken immediately (LOG_ALERT), e.g. upsmon losing the means to shut down.</summary>
    public static void Alert(string message) => Write(1, message, 0);

    /// <summary>A debug message shown from <paramref name="level"/> up (upsdebugx).</summary>
    public static void Debug(int level, string message)
    {
        if (DebugLevel >= level)
            Write(7, message, level);
    }

    /// <summary>A fatal message: printed bare on stderr (and syslog), as fatalx does. The caller exits.</summary>
    public static void Fatal(string message) => Write(3, message, 0);

    static void Write(int priority, string message, int debugLevel)
    {
        lock (s_lock)
        {
            if (s_stderr)
            {
                var sb = new StringBuilder();
                if (DebugLevel > 0)
                {
                    double seconds = s_clock.Elapsed.TotalSeconds;
                    long whole = (long)seconds;
                    long micros = (long)((seconds - whole) * 1_000_000);
                    sb.Append(whole.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append('.')
                      .Append(micros.ToString("D6", CultureInfo.InvariantCulture)).Append('\t');
                    if (debugLevel > 0)
                        sb.Append("[D").Append(debugLevel).Append("] ");
                }
                sb.Append(message).Append('\n');
                var err = Console.Error;
                err.Write(sb.ToString());
                err.Flush();
            }
            if (s_syslog)
                SysLog(priority | (3 << 3), "%s", message);
        }
    }

    [LibraryImport("libc", EntryPoint = "openlog")]
    private static partial void OpenLog(nint ident, int option, int facility);

    [LibraryImport("libc", EntryPoint = "syslog", StringMarshalling = StringMarshalling.Utf8)]
    private static partial void SysLog(int priority, string format, string message);
}
