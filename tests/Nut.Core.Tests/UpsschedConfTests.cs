using System.Text;
using Nut.Core.Config;
using Nut.Core.Text;
using Nut.Testing;

namespace Nut.Core.Tests;

/// <summary>upssched.conf: the model, and the same files acted on by Debian's upssched.</summary>
public class UpsschedConfTests
{
    static byte[] B(string s) => Encoding.Latin1.GetBytes(s);
    static UpsschedConf Parse(string text) => UpsschedConf.Parse("upssched.conf", B(text));

    const string Header = "CMDSCRIPT /bin/cmd\nPIPEFN /run/p\nLOCKFN /run/l\n";

    [Fact]
    public void RulesAndSettings()
    {
        var c = Parse(Header + """
            AT ONBATT * START-TIMER onbatt 15
            AT ONLINE bessie CANCEL-TIMER onbatt online
            AT ONLINE * CANCEL-TIMER other
            AT LOWBATT * EXECUTE lowbatt ignored-extra
            AT onbatt ups@h FROB x

            """);
        Assert.Equal(("/bin/cmd", "/run/p", "/run/l"), (c.CmdScript, c.PipeFn, c.LockFn));
        Assert.Null(c.Fatal);
        Assert.Equal([UpsschedAction.StartTimer, UpsschedAction.CancelTimer, UpsschedAction.CancelTimer, UpsschedAction.Execute, UpsschedAction.Invalid],
            c.Rules.Select(r => r.Action));
        Assert.Equal(("onbatt", "15"), (c.Rules[0].Argument, c.Rules[0].Extra));
        Assert.Equal(("onbatt", "online"), (c.Rules[1].Argument, c.Rules[1].Extra));
        Assert.Null(c.Rules[2].Extra);
        Assert.Equal(("lowbatt", "ignored-extra"), (c.Rules[3].Argument, c.Rules[3].Extra));
        Assert.Equal("FROB", c.Rules[4].Command);
        Assert.Equal([4, 5, 6, 7, 8], c.Rules.Select(r => r.Line));
        Assert.All(c.Rules, r => Assert.Equal("/bin/cmd", r.CmdScript));
        // Only our own warning for the unknown command: NUT says "Invalid command: FROB" when an event matches.
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal((8, false), (d.Line, d.IsError));
        Assert.Contains("expected START-TIMER, CANCEL-TIMER or EXECUTE", d.Message);
    }

    [Fact]
    public void MatchingIsExactForTheUpsAndIgnoresCaseForTheType()
    {
        var c = Parse(Header + "AT onbatt ups@host EXECUTE a\nAT ONBATT * EXECUTE b\n");
        Assert.True(c.Rules[0].Matches("ONBATT", "ups@host"));
        Assert.False(c.Rules[0].Matches("ONBATT", "UPS@host"));
        Assert.False(c.Rules[0].Matches("ONBATT", "ups@host:3493"));
        Assert.False(c.Rules[0].Matches("ONLINE", "ups@host"));
        Assert.True(c.Rules[1].Matches("onBatt", "anything"));
        Assert.False(Parse(Header + "AT ONBATT ups* EXECUTE a\n").Rules[0].Matches("ONBATT", "ups@h")); // no globs
    }

    [Theory]
    [InlineData("PIPEFN /p\nLOCKFN /l\nAT ONBATT * EXECUTE x\nCMDSCRIPT /c\n", "CMDSCRIPT", 3)]
    [InlineData("CMDSCRIPT /c\nAT ONLINE nomatch EXECUTE x\nPIPEFN /p\nLOCKFN /l\n", "PIPEFN", 2)]
    [InlineData("CMDSCRIPT /c\nPIPEFN /p\nAT ONBATT * EXECUTE x\n", "LOCKFN", 3)]
    [InlineData("AT ONBATT * START-TIMER t 5\n", "CMDSCRIPT", 1)]
    public void SettingsMustComeBeforeTheFirstAt(string text, string missing, int line)
    {
        var c = Parse(text + "FOO after\n");
        Assert.NotNull(c.Fatal);
        Assert.Equal((line, $"{missing} must be set before any ATs in the config file!", true), (c.Fatal!.Line, c.Fatal.Message, c.Fatal.IsError));
        Assert.Same(c.Fatal, c.Diagnostics[^1]); // reading stopped: no warning for "FOO after"
        Assert.Equal(line, c.Rules[^1].Line);   // the AT line NUT stopped at
    }

    [Fact]
    public void SettingsMayChangeBetweenAtLines()
    {
        var c = Parse(Header + "AT ONBATT * EXECUTE first\nCMDSCRIPT /bin/other\nAT ONBATT * EXECUTE second\n");
        Assert.Null(c.Fatal);
        Assert.Equal(["/bin/cmd", "/bin/other"], c.Rules.Select(r => r.CmdScript));
        Assert.Equal("/bin/other", c.CmdScript);
    }

    [Theory]
    [InlineData("FOO bar", "upssched.conf: invalid directive FOO bar")]
    [InlineData("CMDSCRIPT", "upssched.conf: invalid directive CMDSCRIPT")]
    [InlineData("AT ONBATT *", "upssched.conf: invalid directive AT ONBATT *")]
    [InlineData("AT ONBATT * EXECUTE", "upssched.conf: invalid directive AT ONBATT * EXECUTE")]
    [InlineData("at ONBATT * EXECUTE x", "upssched.conf: invalid directive at ONBATT * EXECUTE x")]
    public void InvalidDirectivesInNutsWords(string line, string message)
    {
        var c = Parse(line + "\n");
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal((1, message, false), (d.Line, d.Message, d.IsError));
        Assert.Empty(c.Rules);
        Assert.Null(c.Fatal);
    }

    [Fact]
    public void OurOwnWarningsForLinesNutOnlyFailsOnLater()
    {
        var c = Parse(Header + "AT ONBATT * START-TIMER t\nAT ONBAT * EXECUTE typo\nAT OFF * EXECUTE newer-type\n");
        Assert.Equal([4, 5], c.Diagnostics.Select(d => d.Line));
        Assert.Contains("expected the number of seconds", c.Diagnostics[0].Message);
        Assert.Contains("AT ONBAT: expected a notify type", c.Diagnostics[1].Message);
        Assert.All(c.Diagnostics, d => Assert.False(d.IsError));
        Assert.Equal(3, c.Rules.Count);
    }

    [Fact]
    public void ParseErrorsAreReportedAndSkipped()
    {
        var c = Parse(Header + "AT ONBATT * EXECUTE \"a#b\"\nAT ONBATT * EXECUTE ok\n");
        Assert.Equal(["Parse error: Unbalanced word due to unescaped # in quotes", "upssched.conf: invalid directive b\""], c.Diagnostics.Select(d => d.Message));
        Assert.Equal("ok", Assert.Single(c.Rules).Argument);
    }

    // ---- the same files acted on by Debian's upssched (EXECUTE only: no timer daemon involved) ----

    /// <summary>What upssched does for one event, rebuilt from our model: its messages (in file order, as it acts
    /// while reading) and the script calls.</summary>
    static (int Exit, List<string> Messages, List<string> Calls) Simulate(string path, string ups, string type)
    {
        byte[] content = File.ReadAllBytes(path);
        var conf = UpsschedConf.Parse(path, content);
        var parseErrors = new Queue<TokenizedLine>(NutTokenizer.TokenizeFile(content).Where(l => l.IsError));
        var messages = new List<(int Line, string Text)>();
        foreach (var d in conf.Diagnostics)
        {
            if (d.Message.StartsWith("Parse error: ", StringComparison.Ordinal))
            {
                var e = parseErrors.Dequeue();
                messages.Add((d.Line, $"Parse error: {d.File}:{e.NutLineNumber}: {e.Error}"));
            }
            else if (d.Message.StartsWith("upssched.conf: invalid directive", StringComparison.Ordinal) || d == conf.Fatal)
            {
                messages.Add((d.Line, d.Message));
            }
        }
        var calls = new List<string>();
        foreach (var rule in conf.Rules.Where(r => r.Matches(type, ups)))
        {
            if (conf.Fatal is not null)
                break;
            switch (rule.Action)
            {
                case UpsschedAction.Execute when rule.Argument.Length == 0:
                    messages.Add((rule.Line, "Empty EXECUTE command argument"));
                    break;
                case UpsschedAction.Execute:
                    messages.Add((rule.Line, $"Executing command: {rule.Argument}"));
                    calls.Add($"{Path.GetFileName(rule.CmdScript)}[{rule.Argument}] {ups} {type}");
                    break;
                case UpsschedAction.Invalid:
                    messages.Add((rule.Line, $"Invalid command: {rule.Command}"));
                    break;
            }
        }
        return (conf.Fatal is null ? 0 : 1, messages.OrderBy(m => m.Line).Select(m => m.Text).ToList(), calls);
    }

    [Theory]
    [InlineData("ups@host", "ONBATT")]
    [InlineData("ups@host", "online")]
    [InlineData("other", "onbatt")]
    [InlineData("UPS@host", "ONBATT")]
    public void DebiansUpsschedActsOnTheSameLines(string ups, string type)
    {
        using var dir = new TempDir("nut-oracle-upssched");
        string log = dir["calls.log"];
        foreach (var script in new[] { "cmd.sh", "cmd2.sh" })
        {
            dir.Write(script, $"#!/bin/sh\necho \"{script}[$*] $UPSNAME $NOTIFYTYPE\" >> {log}\n");
            File.SetUnixFileMode(dir[script], (UnixFileMode)Convert.ToInt32("755", 8));
        }
        string text = $"""
            CMDSCRIPT {dir["cmd.sh"]}
            PIPEFN {dir["pipe"]}
            LOCKFN {dir["lock"]}
            FOO bar
            CMDSCRIPT
            AT ONBATT * EXECUTE any-onbatt
            AT onbatt ups@host EXECUTE exact-ups-lower-type
            AT ONBATT UPS@host EXECUTE other-case-ups
            AT ONBATT ups@host execute lower-command
            AT ONBATT ups@host FOO invalid-command
            AT ONBATT * EXECUTE ""
            AT ONLINE * EXECUTE online
            AT ONBATT ups@h* EXECUTE glob
            AT ONBATT * EXECUTE two words
            AT ONBATT *
            AT ONBATT * EXECUTE "a#b"
            CMDSCRIPT {dir["cmd2.sh"]}
            AT ONBATT * EXECUTE after-cmdscript-change

            """;
        dir.Write("upssched.conf", text);
        var ours = Simulate(dir["upssched.conf"], ups, type);
        var r = DebianOracle.Upssched(dir, ups, type);
        Assert.Equal(ours.Exit, r.ExitCode);
        Assert.Equal(ours.Messages, r.Stderr.Split('\n').Where(l => l.Length > 0).ToList());
        Assert.Equal(ours.Calls, File.Exists(log) ? File.ReadAllLines(log).ToList() : []);
    }

    [Theory]
    [InlineData("PIPEFN /p\nLOCKFN /l\nAT ONBATT * EXECUTE x\nCMDSCRIPT /c\n")]
    [InlineData("CMDSCRIPT /c\nAT ONLINE nomatch EXECUTE x\nPIPEFN /p\nLOCKFN /l\n")]
    [InlineData("CMDSCRIPT /c\nPIPEFN /p\nAT ONBATT * EXECUTE x\nFOO after\n")]
    [InlineData("AT ONBATT *\nCMDSCRIPT /c\n")]
    public void DebiansUpsschedStopsAtTheSameLine(string text)
    {
        using var dir = new TempDir("nut-oracle-upssched");
        dir.Write("upssched.conf", text);
        var ours = Simulate(dir["upssched.conf"], "ups", "ONBATT");
        var r = DebianOracle.Upssched(dir, "ups", "ONBATT");
        Assert.Equal(ours.Exit, r.ExitCode);
        Assert.Equal(ours.Messages, r.Stderr.Split('\n').Where(l => l.Length > 0).ToList());
        if (ours.Exit != 0)
            Assert.Equal(ours.Messages[^1] + "\n", r.Stdout); // printed on stdout as well as logged
    }
}
