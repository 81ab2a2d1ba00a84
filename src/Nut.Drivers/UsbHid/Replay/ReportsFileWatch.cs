using Nut.Platform;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>
/// Follows a <c>.reports.txt</c> while a driver runs: when its modification time or size changes, it is read again,
/// so a user (or a test) edits a value in the file (ACPresent 0, say) and the simulated device follows. A file that
/// no longer parses is reported once and the previous values stay.
/// </summary>
public sealed class ReportsFileWatch(string path)
{
    (DateTime Time, long Length) _seen = Stamp(path);

    public string Path => path;

    static (DateTime, long) Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (DateTime.MinValue, -1);
        }
    }

    /// <summary>The file's new content when it changed since the last call and parses; otherwise null.</summary>
    public HidReportsFile? Poll()
    {
        var now = Stamp(path);
        if (now == _seen)
            return null;
        _seen = now;
        if (now.Item2 < 0)
            return null;
        var file = HidReportsFile.Load(path, out string? error);
        if (file is null)
            NutLog.Warning($"replay: {error}; keeping the previous values");
        else
            NutLog.Debug(1, $"replay: {path} changed, values reloaded");
        return file;
    }
}
