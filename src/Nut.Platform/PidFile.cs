using System.Globalization;

namespace Nut.Platform;

/// <summary>NUT's PID files: the decimal PID and a newline.</summary>
public static class PidFile
{
    public static void Write(string path, int pid)
    {
        File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>The PID in the file, or null when it is missing or does not hold a number.</summary>
    public static int? Read(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => Libc.Kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 1 /* EPERM: exists */;

    public static void Remove(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Sends a signal to the process named in a PID file (upsd -c, upsmon -c, upsdrvctl stop).
    /// Returns null on success, else the error text.</summary>
    public static string? Signal(string path, int signal)
    {
        int? pid = Read(path);
        if (pid is null)
            return File.Exists(path) ? $"Can't read PID from {path}" : $"fopen {path}: No such file or directory";
        if (Libc.Kill(pid.Value, signal) != 0)
            return $"kill {pid}: {Libc.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
        return null;
    }
}
