using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Interop.Tests;

/// <summary>
/// The protocol transcript suite (issue 2): every request line of Transcripts/*.txt goes to Debian's upsd with
/// Debian's dummy-ups, to our upsd with our dummy-ups, and to our upsd with Debian's dummy-ups (so a
/// difference can be pinned on upsd or on the driver); the replies must be identical byte for byte.
/// </summary>
public sealed class TranscriptTests(ITestOutputHelper output)
{
    /// <summary>A real device dump with plenty of variables (incl. a STRING:1 one for TOO-LONG checks).</summary>
    public static string DeviceFile => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    static IReadOnlyList<StackUps> Upses =>
    [
        new StackUps("dev", DeviceFile, Desc: "Test \\\"quoted\\\" \\#1"),
        new StackUps("nodesc", DeviceFile),
        new StackUps("gone", "/nonexistent/gone.dev", RunDriver: false),
    ];

    [Fact]
    public void OurStackAnswersEveryTranscriptLineLikeDebians()
    {
        var sessions = Transcript.Load(Path.Combine(AppContext.BaseDirectory, "Transcripts"));
        int total = sessions.Sum(s => s.Requests.Count);
        Assert.True(total >= 300, $"the suite should hold a few hundred requests, it has {total}");

        using var debian = new NutStack(Impl.Debian, Impl.Debian, Upses).Start();
        using var ours = new NutStack(Impl.Ours, Impl.Ours, Upses).Start();
        using var mixed = new NutStack(Impl.Ours, Impl.Debian, Upses).Start();

        var differences = new List<string>();
        int identical = 0;
        foreach (var session in sessions)
        {
            using var d = debian.Connect();
            using var o = ours.Connect();
            using var m = mixed.Connect();
            foreach (var r in session.Requests)
            {
                string expected = Transcript.Normalize(d.Exchange(r.Bytes, r.ClosesConnection));
                string ourReply = Transcript.Normalize(o.Exchange(r.Bytes, r.ClosesConnection));
                string mixedReply = Transcript.Normalize(m.Exchange(r.Bytes, r.ClosesConnection));
                if (expected == ourReply && expected == mixedReply)
                {
                    identical++;
                    continue;
                }
                differences.Add($"{r.File}:{r.Line} [{session.Name}] {r.Text}\n  Debian:           {Transcript.Show(expected)}"
                    + $"\n  ours:             {Transcript.Show(ourReply)}\n  our upsd+Debian driver: {Transcript.Show(mixedReply)}");
            }
        }
        output.WriteLine($"transcripts: {identical}/{total} request lines answered identically by our stack and Debian's "
            + $"({sessions.Count} sessions)");
        foreach (var diff in differences)
            output.WriteLine(diff);
        Assert.True(differences.Count == 0, $"{differences.Count} of {total} requests differ:\n" + string.Join("\n", differences.Take(20)));
    }
}
