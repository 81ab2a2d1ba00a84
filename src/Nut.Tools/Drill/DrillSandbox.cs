using System.Text;
using System.Text.RegularExpressions;
using Nut.Monitor.Common;
using Nut.Monitor.Simulation;

namespace Nut.Tools.Drill;

/// <summary>
/// Where a drill runs the user's NOTIFYCMD and CMDSCRIPT for real: a temporary folder whose stand-ins for
/// <c>wall</c>, <c>upsmon</c>, <c>shutdown</c>, <c>poweroff</c>, <c>halt</c> and <c>reboot</c> come first in
/// PATH. They write what they were asked into a calls file instead of acting; after each script the drill
/// reads it, puts each call on the timeline and acts on it in the simulation (<c>upsmon -c fsd</c> shuts the
/// simulated upsmon down, a direct <c>shutdown</c> ends the drill as the real one would end the machine).
/// Scripts also see <c>NUT_DRILL=1</c>, and NUT_PIDPATH/NUT_ALTPIDPATH point into the folder so that our
/// own programs, called by full path, find no running daemon to signal.
/// </summary>
public sealed class DrillSandbox : IDisposable
{
    /// <summary>The commands a drill stands in for, and the calls-file record separator (ASCII RS).</summary>
    public static readonly string[] StandIns = ["wall", "upsmon", "shutdown", "poweroff", "halt", "reboot"];
    const char Separator = '\x1e';

    readonly string _calls;
    long _read;

    public DrillSandbox()
    {
        Root = Directory.CreateTempSubdirectory("nut-drill.").FullName;
        string bin = Path.Combine(Root, "bin");
        Directory.CreateDirectory(bin);
        _calls = Path.Combine(Root, "calls");
        File.WriteAllText(_calls, "");
        foreach (var name in StandIns)
        {
            // wall reads its message from stdin when given no argument, as the real one does.
            string body = name == "wall"
                ? "if [ $# -gt 0 ]; then msg=\"$*\"; else msg=$(cat); fi\nprintf 'wall %s\\036' \"$msg\" >> \"$NUT_DRILL_DIR/calls\"\n"
                : $"printf '{name} %s\\036' \"$*\" >> \"$NUT_DRILL_DIR/calls\"\n";
            string path = Path.Combine(bin, name);
            File.WriteAllText(path, "#!/bin/sh\n# nut-drill stand-in: records the call instead of doing it.\n" + body);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        Environment = new Dictionary<string, string>
        {
            ["NUT_DRILL"] = "1",
            ["NUT_DRILL_DIR"] = Root,
            ["PATH"] = bin + ":" + (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
            ["NUT_PIDPATH"] = Root,
            ["NUT_ALTPIDPATH"] = Root,
        };
    }

    public string Root { get; }

    /// <summary>Added to every script's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The calls the stand-ins recorded since the last look, oldest first ("upsmon -c fsd", "wall text").</summary>
    public List<string> TakeCalls()
    {
        var calls = new List<string>();
        using var f = new FileStream(_calls, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (f.Length <= _read)
            return calls;
        f.Position = _read;
        var bytes = new byte[f.Length - _read];
        f.ReadExactly(bytes);
        string text = Encoding.UTF8.GetString(bytes);
        int end = text.LastIndexOf(Separator);
        if (end < 0)
            return calls; // a call still being written
        _read += Encoding.UTF8.GetByteCount(text.AsSpan(0, end + 1));
        foreach (var record in text[..end].Split(Separator))
            calls.Add(record);
        return calls;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static readonly Regex AbsoluteCall = new(@"(?<![\w.-])/[\w./-]*/(upsmon|shutdown|poweroff|halt|reboot|systemctl|wall)\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// Lines of a script that call one of the stand-ins (or systemctl) by absolute path: the drill cannot
    /// catch those, so running the script could signal the real upsmon or power the machine off. Each entry
    /// is "file:line: text". Binary or unreadable files give nothing (they cannot be checked; see the docs).
    /// </summary>
    public static List<string> UnsafeLines(string scriptPath)
    {
        var found = new List<string>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(scriptPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return found;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string code = lines[i].TrimStart();
            if (code.StartsWith('#'))
                continue;
            if (AbsoluteCall.IsMatch(code))
                found.Add($"{scriptPath}:{i + 1}: {lines[i].Trim()}");
        }
        return found;
    }
}

/// <summary>
/// Runs NOTIFYCMD and CMDSCRIPT for a drill: through /bin/sh with the sandbox's environment, always waiting
/// for the script (so the timeline is the same on every run), then hands what the stand-ins recorded to
/// <see cref="CallsMade"/>.
/// </summary>
public sealed class DrillScriptRunner(DrillSandbox sandbox) : ICommandRunner
{
    /// <summary>Raised after each script with the calls it made through the stand-ins.</summary>
    public event Action<IReadOnlyList<string>>? CallsMade;

    public int Run(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(sandbox.Environment);
        if (environment is not null)
            foreach (var (k, v) in environment)
                env[k] = v;
        int status = ShellCommandRunner.Instance.Run(commandLine, env);
        var calls = sandbox.TakeCalls();
        if (calls.Count > 0)
            CallsMade?.Invoke(calls);
        return status;
    }

    // upsmon does not wait for NOTIFYCMD, but a drill does, so that every run gives the same timeline.
    public bool Start(string commandLine, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(commandLine, environment) >= 0;
}
