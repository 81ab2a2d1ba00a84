namespace Nut.Monitor.Upsmon;

/// <summary>What a POWERDOWNFLAG file says.</summary>
public enum PowerDownFlagState
{
    /// <summary>No file (or none configured).</summary>
    NotSet,
    /// <summary>The file starts with upsmon's magic string: this boot follows a power-fail shutdown.</summary>
    Set,
    /// <summary>A file is there but it is not ours: upsmon leaves it alone.</summary>
    NotOurs,
}

/// <summary>
/// The POWERDOWNFLAG file (spec/upsmon.md §6): upsmon writes <see cref="Magic"/> (no newline) just before
/// SHUTDOWNCMD; the shutdown scripts run <c>upsmon -K</c> to decide whether to tell the UPS to cut the power.
/// </summary>
public static class PowerDownFlag
{
    public const string Magic = "upsmon-shutdown-file";

    public static PowerDownFlagState Check(string? path)
    {
        if (path is null)
            return PowerDownFlagState.NotSet;
        try
        {
            using var f = File.OpenRead(path);
            var buffer = new byte[Magic.Length];
            int n = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return n == Magic.Length && System.Text.Encoding.ASCII.GetString(buffer) == Magic
                ? PowerDownFlagState.Set
                : PowerDownFlagState.NotOurs;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return PowerDownFlagState.NotSet;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // There, but unreadable: not something we may delete or trust.
            return File.Exists(path) ? PowerDownFlagState.NotOurs : PowerDownFlagState.NotSet;
        }
    }

    /// <summary>Creates the file with the magic string; false (and nothing else) when that fails.</summary>
    public static bool Write(string path)
    {
        try
        {
            File.WriteAllText(path, Magic);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes our flag left from the last shutdown (at start-up).</summary>
    public static void Clear(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
