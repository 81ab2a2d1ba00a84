using System.Text;
using Nut.Drivers.Qx;
using Nut.Platform;

namespace Nut.Drivers.ApcSmart;

/// <summary>How long a read may wait and which characters it filters (NUT apcsmart's SER_* read flags).</summary>
public enum ApcFilter
{
    /// <summary>Alert characters are dropped unseen.</summary>
    Plain,
    /// <summary>Alert characters are acted upon (status changes) and dropped from the line.</summary>
    AlertAware,
    /// <summary>The ^Z capability list: '#' is data there, the other alerts are dropped.</summary>
    Capabilities,
    /// <summary>The 'a' protocol reply: nothing is filtered, the alert characters are part of it.</summary>
    CommandSet,
}

/// <summary>
/// The Smart serial line (testdata/serial/apcsmart.md): single characters out, LF-terminated lines back with CR
/// dropped, alert characters that may arrive at any time filtered out of the lines and handed to
/// <see cref="Alert"/>. Port access is the shared <see cref="SerialLine"/>. The driver runs one exchange at a time.
/// </summary>
public sealed class ApcSmartLink : IDisposable
{
    /// <summary>Longest line kept (NUT's buffer is 512 bytes).</summary>
    public const int MaxLineLength = 511;

    /// <summary>Characters that report a status change.</summary>
    public const string AlertChars = "$!%+#?=";

    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan OneAndHalf = TimeSpan.FromMilliseconds(1500);
    public static readonly TimeSpan Normal = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(6);

    readonly SerialLine _line;
    string? _failure;

    public ApcSmartLink(SerialLine line) => _line = line;

    /// <summary>Called for each alert character seen by an alert-aware read.</summary>
    public Action<char>? Alert { get; set; }

    /// <summary>Sends one character.</summary>
    public bool Write(char c)
    {
        if (_line.Write(c.ToString()))
            return true;
        CommFail("serial port write error");
        return false;
    }

    /// <summary>
    /// A "nasty" command: the character, a 200 ms look for an unexpected answer (which cancels), 1.3 s, the character again.
    /// </summary>
    public bool WriteTwice(char c)
    {
        if (!Write(c))
            return false;
        if (ReadLine(ApcFilter.Plain, Short, timeoutAllowed: true).Length != 0)
            return false;
        Thread.Sleep(1300);
        return Write(c);
    }

    /// <summary>
    /// A command with arguments ('@nnn', '-' + text): the first character, a 200 ms look for NA (which cancels, so the
    /// arguments are not taken for commands), then the rest 50 ms apart.
    /// </summary>
    public bool WriteLong(string text)
    {
        if (!Write(text[0]))
            return false;
        if (ReadLine(ApcFilter.Plain, Short, timeoutAllowed: true).Length != 0)
            return false;
        for (int i = 1; i < text.Length; i++)
        {
            Thread.Sleep(50);
            if (!Write(text[i]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Drops pending input. Alert-aware: the alerts in it still count (the rest is dropped); otherwise everything goes.
    /// </summary>
    public void Flush(bool alertAware)
    {
        if (!alertAware)
        {
            _line.DiscardInput();
            return;
        }
        int b;
        while ((b = _line.ReadByte(TimeSpan.FromMilliseconds(1))) >= 0)
            if (AlertChars.Contains((char)b))
                Alert?.Invoke((char)b);
    }

    /// <summary>Result of <see cref="ReadLine"/>: the text, or why there is none.</summary>
    public readonly record struct Reply(string? Text, bool Failed)
    {
        /// <summary>Length as NUT's read returns it: -1 failure, 0 nothing (or an empty line), else characters.</summary>
        public int Length => Failed ? -1 : Text?.Length ?? 0;
        public bool Is(string s) => Text == s;
        public bool Usable => Length > 0 && Text != "NA";
    }

    /// <summary>
    /// Reads one reply line within <paramref name="timeout"/>. A partial line at the time-out, an overlong line or an I/O
    /// error is a failure; silence is "nothing" (logged as lost communication unless a time-out was expected).
    /// With <paramref name="asteriskIsOk"/> a '*' (older units' shutdown acknowledgement) ends the read as "OK".
    /// </summary>
    public Reply ReadLine(ApcFilter filter, TimeSpan timeout, bool timeoutAllowed = false, bool asteriskIsOk = false)
    {
        (string ignore, string alerts) = filter switch
        {
            ApcFilter.AlertAware => ("\r|&", AlertChars),
            ApcFilter.Capabilities => ("\r|&$!%+?=", ""),
            ApcFilter.CommandSet => ("\r", ""),
            _ => ("\r|&" + AlertChars, ""),
        };
        var sb = new StringBuilder();
        var end = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = end - DateTime.UtcNow;
            int b = left > TimeSpan.Zero ? _line.ReadByte(left) : -1;
            if (b < 0)
            {
                if (sb.Length > 0)
                {
                    CommFail("serial port partial timeout");
                    return new Reply(null, true);
                }
                if (!timeoutAllowed)
                    CommFail("serial port read timeout");
                return new Reply(null, false);
            }
            char c = (char)b;
            if (c == '\n')
            {
                CommGood();
                return new Reply(sb.ToString(), false);
            }
            if (asteriskIsOk && c == '*')
            {
                // Some firmware sends "OK" as well as '*': let it arrive and drop it.
                if (_line.ReadByte(TimeSpan.FromSeconds(1)) >= 0)
                    _line.DiscardInput();
                CommGood();
                return new Reply("OK", false);
            }
            if (c == '*' || ignore.Contains(c))
                continue;
            if (alerts.Contains(c))
            {
                Alert?.Invoke(c);
                continue;
            }
            if (sb.Length >= MaxLineLength)
            {
                CommFail("serial port read overflow");
                _line.DiscardInput();
                return new Reply(null, true);
            }
            sb.Append(c);
        }
    }

    // ser_comm_fail / ser_comm_good: one log line when the link goes, one when it comes back.
    void CommFail(string reason)
    {
        if (_failure is null)
            NutLog.Warning($"Communications with UPS lost: {reason}");
        _failure = reason;
    }

    void CommGood()
    {
        if (_failure is not null)
            NutLog.Warning("Communications with UPS re-established");
        _failure = null;
    }

    public void Dispose() => _line.Dispose();
}
