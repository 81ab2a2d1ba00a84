using System.Text.RegularExpressions;

namespace Nut.Tools.Check;

/// <summary>
/// Shutting down as the wrong user. NUT runs SHUTDOWNCMD from upsmon's root parent, so SHUTDOWNCMD itself is fine;
/// the classic mistake is a NOTIFYCMD or upssched CMDSCRIPT that calls shutdown itself: those run as RUN_AS_USER
/// (nut), who may not power the machine off. And with <c>upsmon -p</c> RUN_AS_USER is not used at all.
/// </summary>
public sealed partial class RunAsUserCheck : IConfigCheck
{
    /// <summary>A command that powers the machine off, in command position: line start, after ; &amp; | ( ) ` $( or
    /// then/do/else/exec/sudo/nohup — not the word inside a message.</summary>
    [GeneratedRegex(@"(?:^|[;&|()`]|\$\(|\b(?:then|do|else|exec|sudo|nohup)\s)\s*(?:/\S*/)?(?:shutdown|poweroff|halt|reboot|systemctl\s+(?:poweroff|halt|reboot)|init\s+0)(?:\s|$|;|\))")]
    private static partial Regex PowerOffCall();

    public void Run(CheckContext c)
    {
        if (c.Upsmon is not { } upsmon)
            return;
        if (MonitorUser.NoPrivilegeSeparation(c) && upsmon.RunAsUser is { } runAs)
            c.Warn(upsmon.FileName, upsmon.LineOf("RUN_AS_USER"), $"RUN_AS_USER {runAs} is not used: UPSMON_OPTIONS in nut.conf has -p, so upsmon runs as one root process (network code included); drop -p to run the monitoring as {runAs}");
        string user = MonitorUser.ForNotify(c);
        if (user == "root")
            return;
        var scripts = new List<(string Directive, string Path)>();
        if (upsmon.NotifyCmd is { } notify && Executable.Find(Executable.FirstWord(notify), c) is { } notifyPath)
            scripts.Add(("NOTIFYCMD", notifyPath));
        if (c.Upssched?.CmdScript is { } script && Executable.Find(Executable.FirstWord(script), c) is { } scriptPath)
            scripts.Add(("CMDSCRIPT", scriptPath));
        foreach (var (directive, path) in scripts)
            foreach (var (line, text) in ShellLines(path))
                if (PowerOffCall().IsMatch(text))
                    c.Warn(path, line, $"this {directive} runs as {user}, not root, so this call may be refused: \"{text}\"; use \"upsmon -c fsd\" (upsmon's root parent then runs SHUTDOWNCMD) or allow {user} with a sudo or polkit rule");
    }

    /// <summary>The code lines of a shell script (comments skipped); nothing for a binary or unreadable file.</summary>
    static IEnumerable<(int Line, string Text)> ShellLines(string path)
    {
        string[] lines;
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[2];
            if (stream.Read(head) < 2 || head[0] != '#' || head[1] != '!')
                yield break; // not a script: a program we cannot read into
            stream.Position = 0;
            using var reader = new StreamReader(stream);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string code = lines[i].Trim();
            if (code.Length > 0 && !code.StartsWith('#'))
                yield return (i + 1, code);
        }
    }
}
