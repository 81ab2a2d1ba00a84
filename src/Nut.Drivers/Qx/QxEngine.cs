using System.Globalization;
using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>How much of the item table a walk reads.</summary>
public enum QxWalk
{
    /// <summary>Start-up: every item once; commands and writable variables are announced.</summary>
    Init,
    /// <summary>Status and alarms only (every poll interval).</summary>
    Quick,
    /// <summary>Everything that changes (every <c>pollfreq</c> seconds).</summary>
    Full,
}

/// <summary>
/// The common engine of the Q* protocols (NUT's nutdrv_qx core): sends an item's command (once for consecutive
/// items sharing it), checks the answer's length and first character, cuts each value out at its positions,
/// converts or formats it and publishes it; keeps the status bits; announces and runs instant commands and SETs;
/// estimates the battery. One instance serves one protocol on one port.
/// </summary>
public sealed partial class QxEngine
{
    readonly IQxPort _port;
    readonly Func<long> _now;
    string? _lastCommand;
    string? _lastAnswer;
    List<string>? _claimPublished;

    public QxEngine(IQxPort port, QxProtocol protocol, DriverHostContext host, QxPersonality personality)
    {
        _port = port;
        Protocol = protocol;
        Host = host;
        Personality = personality;
        Items = protocol.CreateItems();
        _now = () => host.Clock.GetUtcNow().ToUnixTimeSeconds();
    }

    public QxProtocol Protocol { get; }
    public DriverHostContext Host { get; }
    public QxPersonality Personality { get; }
    public DriverState State => Host.State;
    public List<QxItem> Items { get; }
    public QxStatusBits Status { get; } = new();
    public QxBattery Battery { get; } = new();

    /// <summary>Alarm texts collected during the current walk.</summary>
    public List<string> Alarms { get; } = [];

    /// <summary>Protocol-specific values shared between items of one walk (e.g. a device's protocol number).</summary>
    public Dictionary<string, string> Scratch { get; } = new(StringComparer.Ordinal);

    /// <summary>A SET or instant command may have changed semi-static values: re-read them at the next full poll.</summary>
    public bool DataChanged { get; set; }

    /// <summary>Whole seconds since the epoch, from the host's clock (NUT compares time() values).</summary>
    public long NowSeconds() => _now();

    /// <summary>A driver setting (ups.conf or -x).</summary>
    public string? Setting(string name) => Host.GetValue(name);

    public bool Flag(string name) => Host.HasFlag(name);

    /// <summary>The first item with this name having all the given flags (none = a plain query item).</summary>
    public QxItem? FindItem(string name, QxFlags required)
    {
        foreach (var item in Items)
        {
            if (item.Name != name || (item.Flags & required) != required)
                continue;
            if (required == QxFlags.None && item.Has(QxFlags.Command | QxFlags.SetVar))
                continue;
            return item;
        }
        return null;
    }

    /// <summary>Sends a command and returns the answer (with its CR) or null; logged as NUT does at debug level 3.</summary>
    public string? Query(string command)
    {
        NutLog.Debug(3, $"send: '{command}'");
        string? answer = _port.Exchange(command);
        if (answer is null)
            NutLog.Debug(3, "read: timeout (0)");
        else
            NutLog.Debug(3, $"read: '{answer.TrimEnd('\r')}'");
        return answer;
    }

    /// <summary>Forgets the last answer, so the next item sends its command again.</summary>
    public void ForgetAnswer()
    {
        _lastCommand = null;
        _lastAnswer = null;
    }

    /// <summary>
    /// Reads an item's value from the device (NUT's qx_process): the answer of its command (sent again unless the
    /// previous item used the same one), checked and cut. Null (and logged) when the answer does not fit.
    /// </summary>
    public string? ReadValue(QxItem item)
    {
        string? answer;
        if (item.Command is null)
            return null;
        if (_lastCommand == item.Command && _lastAnswer is not null)
        {
            answer = _lastAnswer;
        }
        else
        {
            answer = Query(item.Command);
            _lastCommand = item.Command;
            _lastAnswer = answer;
        }
        string? value = CutValue(item, answer);
        if (value is null)
            ForgetAnswer();
        return value;
    }

    /// <summary>Checks an answer against the item and cuts its value out (null = invalid, logged at level 2).</summary>
    public string? CutValue(QxItem item, string? answer)
    {
        if (answer is null || answer.Length < item.AnswerLength)
        {
            NutLog.Debug(2, $"qx_process_answer: short reply ({item.Name})");
            return null;
        }
        if (item.Leading != '\0' && answer[0] != item.Leading)
        {
            NutLog.Debug(2, $"qx_process_answer: {item.Name} - invalid start character [{(int)answer[0]:x2}], expected [{(int)item.Leading:x2}]");
            return null;
        }
        if (item.CheckAnswer is not null)
        {
            answer = item.CheckAnswer(this, item, answer);
            if (answer is null)
            {
                NutLog.Debug(4, $"qx_process: failed to preprocess answer [{item.Name}]");
                return null;
            }
        }
        // Lengths count the CR as NUT does; values never include it.
        string body = answer.EndsWith('\r') ? answer[..^1] : answer;
        int from = Math.Min(item.From, body.Length);
        int to = Math.Min(item.To + 1, body.Length);
        string value = to > from ? body[from..to] : "";
        if (item.Has(QxFlags.Trim))
            value = value.Trim(' ');
        return value;
    }

    /// <summary>Outcome of turning a value into published data.</summary>
    public enum SetResult { Done, Skipped, Failed }

    /// <summary>
    /// Converts a value read for an item and publishes it (NUT's ups_infoval_set): status and alarm items change
    /// the status bits and alarm texts, NoNut items are only remembered, others become variables.
    /// </summary>
    public SetResult Publish(QxItem item, string value)
    {
        string published;
        if (item.Convert is not null)
        {
            string? converted = item.Convert(this, item, value);
            if (converted is null)
            {
                NutLog.Debug(4, $"ups_infoval_set: failed to preprocess value [{item.Name}: {value}]");
                return SetResult.Failed;
            }
            published = converted;
        }
        else if (IsNumericFormat(item.Format))
        {
            if (!LooksNumeric(value))
            {
                NutLog.Debug(2, $"ups_infoval_set: non numerical value [{item.Name}: {value}]");
                return SetResult.Skipped;
            }
            published = CNumber.Format(item.Format, value);
        }
        else
        {
            published = CNumber.Format(item.Format, value);
        }

        if (item.Has(QxFlags.NoNut))
        {
            Scratch[item.Name] = published;
            return SetResult.Done;
        }
        switch (item.Name)
        {
            case "ups.status":
                return SetResult.Done;
            case "ups.alarm":
                if (published.Length > 0)
                    Alarms.Add(published);
                return SetResult.Done;
        }
        if (published.Length == 0)
            return SetResult.Done;
        if (State.SetInfo(item.Name, published))
            _claimPublished?.Add(item.Name);
        return SetResult.Done;
    }

    static bool IsNumericFormat(string format)
    {
        int p = format.IndexOf('%');
        if (p < 0) return false;
        int i = p + 1;
        while (i < format.Length && !char.IsAsciiLetter(format[i])) i++;
        return i < format.Length && "fdiuxX".Contains(format[i]);
    }

    /// <summary>NUT accepts only digits, spaces and a point (so "---.-" means "not available").</summary>
    static bool LooksNumeric(string value)
    {
        foreach (char c in value)
            if (!(char.IsAsciiDigit(c) || c == ' ' || c == '.'))
                return false;
        return true;
    }

    /// <summary>Reads and publishes one item; false when the answer or the value was unusable.</summary>
    public bool ProcessAndPublish(QxItem item)
    {
        string? value = ReadValue(item);
        if (value is null)
            return false;
        return Publish(item, value) != SetResult.Failed;
    }

    /// <summary>
    /// Tries the protocol's claim; values it published are withdrawn when it fails, so a wrong protocol leaves
    /// nothing behind.
    /// </summary>
    public bool TryClaim()
    {
        _claimPublished = [];
        ForgetAnswer();
        bool ok = Protocol.Claim(this);
        if (!ok)
            foreach (string name in _claimPublished)
                State.DelInfo(name);
        _claimPublished = null;
        ForgetAnswer();
        return ok;
    }

    /// <summary>
    /// One pass over the item table (NUT's qx_ups_walk). A failing status item ends the walk with false (the
    /// device is not answering properly); other failures only skip their item.
    /// </summary>
    public bool Walk(QxWalk mode)
    {
        ForgetAnswer();
        if (mode != QxWalk.Init)
            Alarms.Clear();
        foreach (var item in Items)
        {
            if (item.Has(QxFlags.Skip))
                continue;
            switch (mode)
            {
                case QxWalk.Quick:
                    if (!item.Has(QxFlags.QuickPoll)) continue;
                    break;
                case QxWalk.Full:
                    if (item.Has(QxFlags.Absent | QxFlags.Command | QxFlags.SetVar | QxFlags.Static)) continue;
                    if (item.Has(QxFlags.SemiStatic) && !DataChanged) continue;
                    break;
                case QxWalk.Init:
                    if (item.Has(QxFlags.Command))
                    {
                        State.AddCommand(item.Name);
                        continue;
                    }
                    if (item.Has(QxFlags.SetVar))
                    {
                        AnnounceSetVar(item);
                        continue;
                    }
                    if (item.Has(QxFlags.Absent))
                    {
                        if (!State.Has(item.Name) && item.Default is not null)
                            Publish(item, item.Default);
                        continue;
                    }
                    break;
            }
            if (!ProcessAndPublish(item) && item.Has(QxFlags.QuickPoll))
                return false;
        }
        if (mode == QxWalk.Full)
            DataChanged = false;
        return true;
    }

    /// <summary>Publishes the status bits and alarms collected by a walk.</summary>
    public void CommitStatus()
    {
        State.AlarmInit();
        foreach (string alarm in Alarms)
            State.AlarmSet(alarm);
        State.AlarmCommit();
        State.StatusInit();
        foreach (string word in Status.Words())
            State.StatusSet(word);
        State.StatusCommit();
    }

    /// <summary>Sets a status bit ("OL") or clears it ("!OL"), logged as NUT does.</summary>
    public void UpdateStatus(string token)
    {
        NutLog.Debug(5, $"update_status: {token}");
        Status.Update(token);
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
