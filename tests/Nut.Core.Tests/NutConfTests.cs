using System.Text;
using Nut.Core.Config;
using Nut.Testing;

namespace Nut.Core.Tests;

/// <summary>nut.conf: read as /bin/sh reads it (compared with dash itself), POWEROFF_WAIT as Debian's sed reads it.</summary>
public class NutConfTests
{
    static NutConf Parse(string text) => NutConf.Parse("nut.conf", text);

    [Theory]
    [InlineData("none", NutMode.None, false, false)]
    [InlineData("standalone", NutMode.Standalone, true, true)]
    [InlineData("netserver", NutMode.NetServer, true, true)]
    [InlineData("netclient", NutMode.NetClient, false, true)]
    public void ModesDecideWhatRuns(string value, NutMode mode, bool upsd, bool upsmon)
    {
        var c = Parse($"MODE={value}\n");
        Assert.Equal((mode, upsd, upsmon), (c.Mode, c.RunsUpsd, c.RunsUpsmon));
        Assert.Empty(c.Diagnostics);
    }

    [Theory]
    [InlineData("MODE=Standalone\n", "nut.conf:1: MODE=Standalone: expected none, standalone, netserver or netclient (the upsd and upsmon wrappers exit 1)")]
    [InlineData("MODE=standalone\r\n", "nut.conf:1: MODE=standalone\r: expected none, standalone, netserver or netclient (the upsd and upsmon wrappers exit 1)")]
    [InlineData("# nothing\n", "nut.conf: MODE is not set: expected MODE=none, standalone, netserver or netclient (the upsd and upsmon wrappers exit 1)")]
    public void ABadOrMissingModeRunsNothing(string text, string message)
    {
        var c = Parse(text);
        Assert.Null(c.Mode);
        Assert.False(c.RunsUpsd || c.RunsUpsmon);
        var d = Assert.Single(c.Diagnostics);
        Assert.True(d.IsError);
        Assert.Equal(message, d.ToString());
    }

    [Fact]
    public void OptionsQuotesAndExport()
    {
        var c = Parse("""
            # Network UPS Tools: example nut.conf
            MODE=netserver   # comment after a value
            UPSD_OPTIONS='-D -u nut'
            UPSMON_OPTIONS="-p  $MODE"
            ALLOW_NO_DEVICE=true
            export ALLOW_NO_DEVICE

            """);
        Assert.Equal(NutMode.NetServer, c.Mode);
        Assert.Equal("-D -u nut", c.UpsdOptions);
        Assert.Equal("-p  netserver", c.UpsmonOptions);
        Assert.True(c.Variables["ALLOW_NO_DEVICE"].Exported);
        Assert.False(c.Variables["MODE"].Exported);
        Assert.Equal(5, c.Variables["ALLOW_NO_DEVICE"].Line);
        Assert.Empty(c.Diagnostics);
    }

    [Theory]
    [InlineData("POWEROFF_WAIT=15", "15", 15.0)]
    [InlineData("  POWEROFF_WAIT=  5m", "5m", 300.0)]
    [InlineData("POWEROFF_WAIT=1h 30s", "1h 30s", 3630.0)]
    [InlineData("POWEROFF_WAIT=0.5", "0.5", 0.5)]
    [InlineData("POWEROFF_WAIT=\"15m\"", "\"15m\"", null)]
    [InlineData("POWEROFF_WAIT=15 # minutes", "15 # minutes", null)]
    [InlineData("POWEROFF_WAIT=-5", "-5", null)]
    [InlineData("#POWEROFF_WAIT=15", null, null)]
    [InlineData("export POWEROFF_WAIT=15", null, null)]
    public void PowerOffWaitIsReadWithSedNotTheShell(string line, string? raw, double? seconds)
    {
        var c = Parse("MODE=standalone\n" + line + "\n");
        Assert.Equal(raw, c.PowerOffWait);
        Assert.Equal(seconds, c.PowerOffWaitDuration?.TotalSeconds);
        Assert.Equal(raw is not null && seconds is null, c.Diagnostics.Any(d => d.Message.StartsWith("POWEROFF_WAIT=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("MODE = standalone\n", "expected NAME=value with no spaces around '='")]
    [InlineData("MODE=none | tee x\n", "'|': unsupported here")]
    [InlineData("MODE=$(cat /etc/mode)\n", "'$(': unsupported here")]
    [InlineData("MODE=`cat /etc/mode`\n", "'`': unsupported here")]
    [InlineData("MODE=${X:-none}\n", "${...} other than ${NAME}: unsupported here")]
    [InlineData("MODE=\"none\nUPSD_OPTIONS=x\n", "unterminated quoted string (\"): the shell stops reading the file here")]
    [InlineData("export 1X\n", "export 1X: expected a variable name")]
    public void ShellConstructsWeDoNotRunAreErrors(string text, string message)
    {
        var c = Parse(text);
        Assert.Contains(c.Diagnostics, d => d.IsError && d.Line == 1 && d.Message.Contains(message, StringComparison.Ordinal));
        Assert.False(c.Variables.ContainsKey("MODE")); // the command is not run
    }

    [Fact]
    public void AnUnsetVariableIsAWarning()
    {
        var c = Parse("MODE=none\nUPSD_OPTIONS=$NUTSHARP_TEST_UNSET\n");
        Assert.Equal("", c.UpsdOptions);
        Assert.Contains("$NUTSHARP_TEST_UNSET is not set earlier in the file", Assert.Single(c.Diagnostics).Message);
    }

    [Fact]
    public void AMissingFileSetsNothing()
    {
        var c = NutConf.Load("/nonexistent/nut.conf");
        Assert.False(c.Exists);
        Assert.Null(c.Mode);
        Assert.Empty(c.Variables);
        Assert.Empty(c.Diagnostics);
    }

    // ---- compared with dash sourcing the same file ----

    const string Assignments = """
        # comment line
        MODE=standalone # trailing comment
        A=1 B=$A C="${A}x" D='$A' E=\$A F="a\"b\\c\$d"
        G=a\ b
        H="multi
        line"
        I=con\
        tinued
        J=x;K=y
        export L=1 A
        M=
        N=a=b
        O="#notcomment" P=x#y
        R="It's"
        S='a"b\'
        T=tab	after
        U="$A$B"'$A'"${C}"
        V=a\#b\;c
        W=$
        X=a$
        Y="back\slash" Z=\\
        B=redefined
        UPSD_OPTIONS="-D"
        export UPSD_OPTIONS
        MODE=netclient
        CRLF=value

        """;

    public static TheoryData<string, string> ShellFiles() => new()
    {
        { "assignments", Assignments },
        { "debian sample", "# Network UPS Tools: example nut.conf\n#\nMODE=none\n#ALLOW_NO_DEVICE=true\n#export ALLOW_NO_DEVICE\n" },
        { "crlf", "MODE=standalone\r\nUPSD_OPTIONS=x\r\n" },
        { "spaces around equals", "MODE = standalone\nUPSMON_OPTIONS=after\n" },
        { "no final newline", "MODE=netserver" },
        { "unterminated quote", "MODE=none\nUPSD_OPTIONS=\"never closed\nMORE=1\n" },
    };

    [Theory]
    [MemberData(nameof(ShellFiles))]
    public void DashSetsTheSameVariables(string name, string text)
    {
        _ = name;
        using var dir = new TempDir("nut-oracle-nutconf");
        string path = dir.Write("nut.conf", text);
        var ours = NutConf.Load(path);

        string[] names = [.. ours.Variables.Keys.Union(["MODE", "UPSD_OPTIONS", "UPSMON_OPTIONS", "POWEROFF_WAIT", "MORE"]).Order(StringComparer.Ordinal)];
        const string Script = """
            . "$0"
            for n; do eval "s=\${$n+set} v=\${$n-}"; printf '%s=%s:%s\0' "$n" "$s" "$v"; done > "$OUT"
            env > "$OUT.env"
            """;
        var env = new Dictionary<string, string> { ["OUT"] = dir["out"] };
        var r = Proc.Run("/bin/sh", ["-c", Script, path, .. names], env, TimeSpan.FromSeconds(30), workDir: dir.FullPath);

        bool stopped = ours.Diagnostics.Any(d => d.Message.Contains("the shell stops reading", StringComparison.Ordinal));
        if (stopped)
        {
            Assert.NotEqual(0, r.ExitCode); // dash gives up on the whole file
            Assert.False(File.Exists(dir["out"]));
            return;
        }
        Assert.True(r.ExitCode == 0, r.ToString());
        var theirs = Encoding.UTF8.GetString(File.ReadAllBytes(dir["out"])).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        var expected = names.Select(n => ours.Variables.TryGetValue(n, out var v) ? $"{n}=set:{v.Value}" : $"{n}=:").ToList();
        Assert.Equal(expected, theirs);

        string exported = File.ReadAllText(dir["out.env"]);
        foreach (var v in ours.Variables.Values.Where(v => !v.Value.Contains('\n')))
            Assert.Equal(v.Exported, exported.Contains($"\n{v.Name}={v.Value}\n", StringComparison.Ordinal) || exported.StartsWith($"{v.Name}={v.Value}\n", StringComparison.Ordinal));
    }
}
