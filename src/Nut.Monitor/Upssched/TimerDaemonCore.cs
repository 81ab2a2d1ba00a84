using System.Globalization;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upssched;

/// <summary>
/// What the upssched timer daemon does with a request and with time (spec/upssched.md §3), without the
/// socket: <c>START &lt;name&gt; &lt;seconds&gt;</c> and <c>CANCEL &lt;name&gt; [&lt;cmd&gt;]</c> answer
/// "OK", anything else "ERR UNKNOWN"; <see cref="CheckTimers"/> runs CMDSCRIPT for each timer that is due.
/// Used by the real daemon and, in virtual time, by the simulation.
/// </summary>
public sealed class TimerDaemonCore(TimeProvider time, IMonitorLog log, Action<string> runCmdScript)
{
    readonly TimerQueue _queue = new();

    public TimerQueue Queue => _queue;

    /// <summary>A timer was started: its name and its length in seconds.</summary>
    public event Action<string, long>? TimerStarted;
    /// <summary>A timer was cancelled before it fired.</summary>
    public event Action<string>? TimerCancelled;
    /// <summary>A timer fired (CMDSCRIPT runs with its name right after).</summary>
    public event Action<string>? TimerExpired;
    /// <summary>A CANCEL found no timer and ran its command instead.</summary>
    public event Action<string, string>? CancelCommandRun;

    long Now => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Handles one request line's words; returns the reply line (without newline).</summary>
    public string Handle(IReadOnlyList<string> words)
    {
        if (words.Count >= 3 && words[0] == "START")
        {
            long seconds = Nut.Core.Text.CInt.Atoi(words[2]);
            if (seconds < 0)
            {
                log.Log(MonitorLogLevel.Error, "bogus offset for timer, ignoring");
                return "OK";
            }
            log.Log(MonitorLogLevel.Info, $"New timer: {words[1]} ({seconds} seconds)");
            _queue.Start(words[1], seconds, Now);
            TimerStarted?.Invoke(words[1], seconds);
            return "OK";
        }
        if (words.Count >= 2 && words[0] == "CANCEL")
        {
            if (_queue.Cancel(words[1]))
            {
                log.Log(MonitorLogLevel.Info, $"Cancelling timer: {words[1]}");
                TimerCancelled?.Invoke(words[1]);
            }
            else if (words.Count >= 3 && words[2].Length > 0)
            {
                log.Log(MonitorLogLevel.Info, $"Cancel {words[1]}, event: {words[2]}");
                CancelCommandRun?.Invoke(words[1], words[2]);
                runCmdScript(words[2]);
            }
            return "OK";
        }
        log.Log(MonitorLogLevel.Info, "Unknown command on socket: ");
        for (int i = 0; i < words.Count; i++)
            log.Log(MonitorLogLevel.Info, string.Create(CultureInfo.InvariantCulture, $"arg {i}: {words[i]}"));
        return "ERR UNKNOWN";
    }

    /// <summary>Fires every timer that is due now, in the order they were started.</summary>
    public void CheckTimers()
    {
        foreach (var t in _queue.TakeDue(Now))
        {
            log.Log(MonitorLogLevel.Info, $"Event: {t.Name} ");
            TimerExpired?.Invoke(t.Name);
            runCmdScript(t.Name);
        }
    }
}
