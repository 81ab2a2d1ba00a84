using System.Globalization;
using System.Text.RegularExpressions;

namespace Nut.Testing;

/// <summary>
/// The home setup of conf/examples/home, installed into a scratch folder with only its paths (and the
/// server's address) changed, as a user would install it. Test stand-ins for <c>wall</c>, <c>shutdown</c>
/// and <c>logger</c> sit in <see cref="Bin"/>, first on PATH, and write what they were asked with the time
/// into <see cref="Calls"/> ("unix-seconds|program|arguments", one per line).
/// </summary>
public sealed class HomeSetup : IDisposable
{
    public static string Source => Path.Combine(Paths.RepoRoot, "conf", "examples", "home");

    public HomeSetup(string server = "localhost")
    {
        Dir = new TempDir("home");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Dir["run"]);
        foreach (var file in Directory.GetFiles(Source))
            File.Copy(file, Dir[Path.GetFileName(file)]);
        Edit("upsmon.conf", ("bessie@localhost", "bessie@" + server), ("/sbin/shutdown", Bin + "/shutdown"),
            ("/etc/killpower", Dir["killpower"]), ("/sbin/upssched", Paths.Ours("upssched")));
        Edit("upssched.conf", ("/etc/nut/upssched-cmd", Dir["upssched-cmd"]), ("/run/nut/upssched", Dir["run"]));
        File.SetUnixFileMode(Dir["upsd.users"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var name in new[] { "wall", "shutdown", "logger" })
        {
            string body = name == "wall"
                ? "if [ $# -gt 0 ]; then msg=\"$*\"; else msg=$(cat); fi\n"
                : "msg=\"$*\"\n";
            string path = Path.Combine(Bin, name);
            File.WriteAllText(path, $"#!/bin/sh\n{body}echo \"$(date +%s.%N)|{name}|$msg\" >> {Calls}\n");
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public TempDir Dir { get; }
    public string Bin => Dir["bin"];
    public string Calls => Dir["calls.log"];
    public string UpsmonConf => Dir["upsmon.conf"];
    public string UpsschedConf => Dir["upssched.conf"];
    public string NoEarlyFlag => Dir["noearly.flag"];
    public string UpslogPid => Dir["upslog.pid"];

    /// <summary>What the scripts need to find their paths and the stand-ins (PATH first).</summary>
    public Dictionary<string, string> Environment(IDictionary<string, string>? baseEnv = null)
    {
        var env = baseEnv is null ? new Dictionary<string, string>() : new Dictionary<string, string>(baseEnv);
        env["PATH"] = Bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        env["NOEARLY_FLAG"] = NoEarlyFlag;
        env["UPSLOG_PID"] = UpslogPid;
        env["NUT_CONFPATH"] = Dir.FullPath;
        env["NUT_PIDPATH"] = Dir.FullPath;
        return env;
    }

    /// <summary>The calls the stand-ins recorded: (unix time, program, arguments).</summary>
    public List<(double Time, string Program, string Args)> RecordedCalls() =>
        File.Exists(Calls)
            ? File.ReadAllLines(Calls).Select(l => l.Split('|', 3)).Where(p => p.Length == 3)
                .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), p[1], p[2])).ToList()
            : [];

    void Edit(string file, params (string From, string To)[] changes)
    {
        string text = File.ReadAllText(Dir[file]);
        foreach (var (from, to) in changes)
        {
            if (!text.Contains(from, StringComparison.Ordinal))
                throw new InvalidOperationException($"{file} of the home setup no longer holds '{from}'");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        File.WriteAllText(Dir[file], text);
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>One line of nut-drill's timeline: "+MM:SS.fff  Kind [TYPE]  [ups]  text  {env}".</summary>
public sealed record DrillLine(double At, string Kind, string Text, string? NotifyType)
{
    static readonly Regex Line = new(@"^\+(\d+):(\d\d)\.(\d{3})  (\w+)(?: (\w+))?  (.*)$", RegexOptions.CultureInvariant);

    public static List<DrillLine> Parse(string output)
    {
        var lines = new List<DrillLine>();
        foreach (var raw in output.Split('\n'))
        {
            var m = Line.Match(raw.TrimEnd('\r'));
            if (!m.Success)
                continue;
            double at = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60
                + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)
                + int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) / 1000.0;
            string text = m.Groups[6].Value;
            if (text.StartsWith('[') && text.IndexOf("]  ", StringComparison.Ordinal) is var close and > 0)
                text = text[(close + 3)..];
            if (text.EndsWith('}') && text.LastIndexOf("  {", StringComparison.Ordinal) is var env and > 0)
                text = text[..env]; // the environment a script or daemon saw
            lines.Add(new DrillLine(at, m.Groups[4].Value, text, m.Groups[5].Success ? m.Groups[5].Value : null));
        }
        return lines;
    }
}
