using Nut.Client;
using Nut.Platform;

namespace Nut.Tools.Upslog;

/// <summary>
/// One UPS logged to one file: its connection (re-made when it breaks), and the file, opened for appending
/// and reopened on SIGHUP. Each line goes out in one write and is flushed, so lines are never torn even when
/// several targets share a file.
/// </summary>
public sealed class LogTarget : ILogLineSource, IDisposable
{
    readonly UpsAddress _ups;
    readonly LogFile _file;
    NutClient? _client;
    bool _wasDown;

    public LogTarget(string upsText, UpsAddress ups, LogFile file)
    {
        UpsHost = upsText;
        _ups = ups;
        _file = file;
    }

    public string UpsHost { get; }
    public LogFile File => _file;
    public string HostName { get; } = System.Net.Dns.GetHostName();
    public int Pid { get; } = Environment.ProcessId;
    public long UnixSeconds { get; private set; }
    public bool HasUpsName => _ups.UpsName.Length > 0;

    public string FormatTime(string strftimeFormat) => CTime.Format(strftimeFormat, UnixSeconds);

    /// <summary>Connects (without TLS after the first time, as NUT). Returns the error text or null.</summary>
    public string? Connect(bool trySsl)
    {
        try
        {
            _client = Nut.Tools.Clients.ClientToolSupport.ConnectAsync(_ups.Host, _ups.Port, trySsl).GetAwaiter().GetResult();
            return null;
        }
        catch (NutClientException e)
        {
            _client = null;
            return e.Message;
        }
    }

    public string? Variable(string name)
    {
        if (_client is null)
            return null;
        try
        {
            return _client.GetVariableAsync(_ups.UpsName, name).GetAwaiter().GetResult();
        }
        catch (NutClientException e) when (e.ErrToken is not null)
        {
            return null; // the server answered: this variable is just not there (or stale)
        }
        catch (NutClientException e)
        {
            NutLog.Warning($"Connection to {UpsHost} lost: {e.Message}; values are NA until it is back");
            Disconnect();
            _wasDown = true;
            return null;
        }
    }

    /// <summary>Writes one line now: reconnects first if needed, and disconnects after if asked.</summary>
    public void WriteLine(LogFormat format, long unixSeconds, bool disconnectAfter)
    {
        UnixSeconds = unixSeconds;
        if (_client is null)
        {
            if (Connect(trySsl: false) is { } error)
            {
                if (!_wasDown)
                    NutLog.Warning($"Can't connect to {UpsHost}: {error}; logging NA until it answers");
                _wasDown = true;
            }
            else if (_wasDown)
            {
                NutLog.Info($"Connection to {UpsHost} restored");
                _wasDown = false;
            }
        }
        _file.Write(format.Render(this));
        if (disconnectAfter)
            Disconnect();
    }

    void Disconnect()
    {
        if (_client is null) return;
        try { _client.LogoutAsync().GetAwaiter().GetResult(); } catch (NutClientException) { }
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client = null;
    }

    public void Dispose() => Disconnect();
}

/// <summary>
/// A log file (or stdout for "-"), opened in append mode; shared by the targets that name it.
/// A write that fails (disk full, I/O error) never stops upslog and never leaves half a line behind: the file is
/// cut back to the end of the last whole line, the error is reported once, and logging resumes (with a count of
/// the lines lost) as soon as a write goes through again. NUT's upslog ignores write errors: a full disk silently
/// loses lines and leaves the fragment of a line that the next line is glued to.
/// </summary>
public sealed class LogFile : IDisposable
{
    readonly object _lock = new();
    Stream _stream;
    long _dropped;

    public LogFile(string path)
    {
        Path = path;
        _stream = Open();
    }

    public string Path { get; }
    public bool IsStdout => Path == "-";

    /// <summary>Lines lost since writing last failed; 0 while writes go through.</summary>
    public long Dropped { get { lock (_lock) return _dropped; } }

    Stream Open() => IsStdout ? Console.OpenStandardOutput()
        : new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);

    /// <summary>Writes one whole line, or nothing. False when it was dropped.</summary>
    public bool Write(string line)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(line);
        lock (_lock)
        {
            // Unbuffered (buffer size 1): the write goes to the kernel here, and a short write shows up as an
            // exception after part of the line is on disk. Where the line began is where the file must end.
            long start = _stream.CanSeek ? _stream.Position : -1;
            try
            {
                _stream.Write(bytes);
                _stream.Flush();
            }
            catch (IOException e)
            {
                CutBackTo(start);
                if (_dropped++ == 0)
                    NutLog.Error($"Can't write to log file {Path}: {Describe(e)}; lines are dropped (never half written) until it can be written again");
                return false;
            }
            if (_dropped > 0)
            {
                NutLog.Info($"Log file {Path} is writable again; {_dropped} line{(_dropped == 1 ? "" : "s")} could not be written");
                _dropped = 0;
            }
            return true;
        }
    }

    /// <summary>The C library's words for the error (.NET keeps errno in HResult for Unix I/O errors), e.g.
    /// "No space left on device".</summary>
    static string Describe(IOException e) =>
        e.HResult is > 0 and < 4096 ? Libc.StrError(e.HResult) : e.Message;

    /// <summary>Truncating never needs free space, so this works on a full disk.</summary>
    void CutBackTo(long start)
    {
        if (start < 0)
            return;
        try
        {
            _stream.SetLength(start);
        }
        catch (IOException) { } // nothing more can be done; the next whole line still starts where it should
    }

    /// <summary>SIGHUP: close and open again (logrotate moved the old file away).</summary>
    public void Reopen()
    {
        if (IsStdout) return;
        lock (_lock)
        {
            _stream.Dispose();
            _stream = Open();
        }
    }

    public void Dispose()
    {
        lock (_lock)
            _stream.Dispose();
    }
}
