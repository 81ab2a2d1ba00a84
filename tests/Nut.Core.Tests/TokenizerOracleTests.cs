using System.Text;
using System.Text.RegularExpressions;
using Nut.Core.Config;
using Nut.Core.Text;
using Nut.Testing;
using static Nut.Core.Tests.DebianOracle;

namespace Nut.Core.Tests;

/// <summary>
/// The tokenizer against NUT's own, where NUT shows what it tokenized: ups.conf through Debian's upsd (LIST UPS
/// gives each section's name and its desc, which is exactly the third word of the desc line; stderr gives the
/// parse errors with NUT's line numbers), protocol lines through Debian's upsd (<c>GET VAR &lt;name&gt;
/// server.version</c> echoes the name as tokenized, for any name), and .dev files through Debian's dummy-ups
/// (which joins the words after the name with single spaces).
/// </summary>
public class TokenizerOracleTests(TokenizerOracleTests.ProtocolUpsd protocolUpsd) : IClassFixture<TokenizerOracleTests.ProtocolUpsd>
{
    /// <summary>Sections whose desc line exercises one rule each (the desc is word 3 of its line).</summary>
    static readonly (string Section, string DescLine)[] DescCases =
    [
        ("plain", "desc = plain"),
        ("quoted", "desc = \"two words\""),
        ("quote-inside-word", "desc = ab\"cd"),
        ("quote-then-word", "desc = \"ab\"cd"),
        ("empty-quotes", "desc = \"\""),
        ("escapes", "desc = a\\ b\\#c\\\"d\\\\e\\=f"),
        ("escapes-in-quotes", "desc = \"q\\\"u\\\\o\\#te\""),
        ("newline-in-quotes", "desc = \"multi\nline\""),
        ("backslash-newline-in-quotes", "desc = \"back\\\nslash\""),
        ("filter", "desc = \"tab\tcr\rutf\u00c3\u00a9del\u007f\""),
        ("continuation", "desc = A\\\nB"),
        ("continuation-empty-word", "desc = \\\n  B"),
        ("comment", "desc = x # comment \"#"),
        ("comment-in-word", "desc = x#y"),
        ("equals-split", "desc=x=y"),
        ("escaped-equals", "desc = \\="),
        ("crlf", "desc = crlf\r"),
        ("lone-cr", "desc = a\rb"),
        ("extra-words", "desc = w3 w4 w5"),
        ("only-utf8", "desc = \u00c3\u00a9"),
        ("control-byte", "desc = \u0001 second"),
        ("two-words-ignored", "desc only"),
        ("no-equals-ignored", "desc is here"),
        ("vertical-tab-formfeed", "desc\v=\fvtff"),
        ("quoted-key", "\"desc\" = \"quoted key\""),
        ("long-value", "desc = " + new string('v', 400)),
    ];

    static string UpsConfCorpus()
    {
        var sb = new StringBuilder();
        sb.Append("# global lines first\nmaxretry = 3\ndesc = ignored-global\nnowait\n");
        foreach (var (section, descLine) in DescCases)
            sb.Append($"[{section}]\n driver = dummy-ups\n port = p\n {descLine}\n");
        // After a parse error NUT resumes right after the '#': here the rest of the line is a section header.
        sb.Append("[before-error]\n driver = dummy-ups\n port = p\n desc = \"x#[resumed]\n driver = dummy-ups\n port = p2\n desc = after\n");
        // Two errors on one line, and one inside a logical line spanning physical lines.
        sb.Append("[errors]\n driver = dummy-ups\n port = p\n desc = \"a#b\" \"c#d\"\n desc = \"span\nning # x\"\n");
        sb.Append("[incomplete]\n port = p\n desc = not listed\n");
        sb.Append("[keys-are-case-sensitive]\n Driver = dummy-ups\n PORT = p\n");
        sb.Append("[header-with-words] trailing words\n driver = dummy-ups\n port = p\n desc = header\n");
        sb.Append("[merged]\n driver = dummy-ups\n desc = first\n");
        sb.Append("[later]\n driver = dummy-ups\n port = p\n");
        sb.Append("[merged]\n port = p\n desc = second\n");
        sb.Append("\"[quoted header]\"\n driver = dummy-ups\n port = p\n desc = qh\n");
        sb.Append("[last]\n driver = dummy-ups\n port = p\n desc = final");
        return sb.ToString();
    }

    static List<string> OurListUps(UpsConf conf) =>
        conf.Sections.Where(s => s.IsComplete)
            .Select(s => $"UPS {s.Name} \"{(s.Desc is { } d ? NutQuoting.Escape(d) : "Description unavailable")}\"")
            .ToList();

    [Fact]
    public void UpsConfReadsAsDebiansUpsdReadsIt()
    {
        byte[] content = Latin1(UpsConfCorpus());
        var ours = UpsConf.Parse("ups.conf", content);
        using var upsd = StartUpsd(content);
        string log = upsd.OutputAfter("Running as foreground process");

        var theirs = upsd.ListUps();
        Assert.Equal(OurListUps(ours), theirs);
        // Spot checks, so that a rule broken the same way on both sides would still show.
        Assert.Contains("UPS continuation-empty-word \"\"", theirs);
        Assert.Contains("UPS newline-in-quotes \"multiline\"", theirs);
        Assert.Contains("UPS filter \"tabcrutfdel\u007f\"", theirs);
        Assert.Contains("UPS resumed \"after\"", theirs);
        Assert.Contains("UPS before-error \"Description unavailable\"", theirs);

        // Parse errors: same lines (NUT's count), same message.
        var theirErrors = Regex.Matches(log, @"Parse error: .*ups\.conf:(\d+): (.*)").Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value.TrimEnd())).ToList();
        var ourErrors = NutTokenizer.TokenizeFile(content).Where(l => l.IsError).Select(l => (l.NutLineNumber, l.Error!)).ToList();
        Assert.Equal(4, theirErrors.Count);
        Assert.Equal(ourErrors, theirErrors);
        Assert.All(ours.Diagnostics, d => Assert.StartsWith("Parse error: Unbalanced word due to unescaped # in quotes", d.Message));

        // Every byte the filter drops is reported by NUT, one line each.
        var tokenizer = new NutTokenizer();
        foreach (byte b in content) tokenizer.Feed(b);
        Assert.Equal(tokenizer.DiscardedBytes, Regex.Matches(log, "addchar: discarding invalid character").Count);
    }

    /// <summary>The end of the file without a newline: the pending line counts only if a word was completed,
    /// and the word being read is added only if it holds characters.</summary>
    [Theory]
    [InlineData("desc = final", "final")]
    [InlineData("desc = \"unterminated", "unterminated")]
    [InlineData("desc = \\", null)]
    [InlineData("desc = \"", null)]
    [InlineData("desc = # comment", null)]
    [InlineData("desc = \"a#b", null)]
    public void EndOfFileWithoutNewlineAsInNut(string lastLine, string? desc)
    {
        byte[] content = Latin1("[x]\n driver = dummy-ups\n port = p\n" + lastLine);
        var ours = UpsConf.Parse("ups.conf", content);
        Assert.Equal(desc, ours.Find("x")!.Desc);
        using var upsd = StartUpsd(content);
        Assert.Equal(OurListUps(ours), upsd.ListUps());
    }

    [Fact]
    public void ALastOneWordLineWithoutNewlineIsLostInNut()
    {
        // With the last line lost, [second] never starts and its keys land in [first]; kept, [first] stays as is.
        byte[] content = Latin1("[first]\n driver = dummy-ups\n port = p\n desc = one\n[second]");
        Assert.Empty(UpsConf.Parse("ups.conf", Latin1("[second]")).Sections);
        using var upsd = StartUpsd(content);
        Assert.Equal(["UPS first \"one\""], upsd.ListUps());
        var ours = UpsConf.Parse("ups.conf", content);
        Assert.Equal(["first"], ours.Sections.Select(s => s.Name));
    }

    /// <summary>Protocol lines: <c>GET VAR &lt;X&gt; server.version</c>, where Debian's upsd echoes the UPS name.</summary>
    public static TheoryData<string, byte[]> NetworkCases() => new()
    {
        { "plain", Latin1("plain") },
        { "quoted with space", Latin1("\"a b\"") },
        { "escaped space", Latin1("a\\ b") },
        { "quote inside a word", Latin1("ab\"cd") },
        { "empty quotes", Latin1("\"\"") },
        { "escapes in quotes", Latin1("\"q\\\"u\\\\o\\#te\"") },
        { "escaped hash", Latin1("x\\#y") },
        { "newline in quotes", Latin1("\"multi\nline\"") },
        { "backslash newline", Latin1("con\\\ntinued") },
        { "backslash newline in quotes", Latin1("\"con\\\ntinued\"") },
        { "tab and cr in quotes", Latin1("\"t\ta\rb\"") },
        { "utf-8 dropped", Latin1("d\u00c3\u00a9v") },
        { "utf-8 alone is an empty word", Latin1("\u00c3\u00a9") },
        { "control byte alone is an empty word", Latin1("\u0001") },
        { "del kept", Latin1("del\u007f") },
        { "escaped equals", Latin1("a\\=b") },
        { "equals splits", Latin1("a=b") },
        { "quote then word", Latin1("\"ab\"cd") },
        { "comment after name", Latin1("name # server.version") },
        { "hash in quotes", Latin1("\"a#b\"") },
        { "lone cr", Latin1("a\rb") },
        { "vertical tab and form feed", Latin1("\va\f") },
        { "backslash at word start then newline", Latin1("\\\n  x") },
    };

    [Theory]
    [MemberData(nameof(NetworkCases))]
    public void ProtocolLinesTokenizeAsInDebiansUpsd(string name, byte[] x)
    {
        _ = name;
        byte[] line = [.. Latin1("GET VAR "), .. x, .. Latin1(" server.version\n")];
        string? theirs;
        using (var upsd = protocolUpsd.Client())
            theirs = upsd.Exchange(line);
        Assert.NotNull(theirs);

        // Ours: the words of the same bytes; upsd echoes word 3 when the line is GET VAR <name> server.version.
        var t = new NutTokenizer();
        TokenizerResult r = TokenizerResult.None;
        foreach (byte b in line)
            if ((r = t.Feed(b)) != TokenizerResult.None)
                break;
        if (r == TokenizerResult.Error)
        {
            Assert.Equal("", theirs); // upsd logs the parse error and answers nothing
            return;
        }
        var w = t.Words;
        if (w.Count == 4 && w[0] == "GET" && w[1] == "VAR" && w[3] == "server.version")
            Assert.Equal($"VAR {w[2]} server.version \"2.8.0\"\n", theirs);
        else
            Assert.DoesNotContain("server.version", theirs);
    }

    [Fact]
    public void ProtocolLinesEndingInCrLfAreTheSameLine()
    {
        using var upsd = protocolUpsd.Client();
        Assert.Equal("VAR crlf server.version \"2.8.0\"\n", upsd.Exchange(Latin1("GET VAR crlf server.version\r\n")));
        Assert.Equal(["GET", "VAR", "crlf", "server.version"], NutTokenizer.TokenizeLine("GET VAR crlf server.version\r").Words);
    }

    /// <summary>A .dev file through Debian's dummy-ups: the words after the name come back joined by spaces,
    /// so word limits, '=' words, empty words and the filter all show.</summary>
    [Fact]
    public void DevFilesReadAsDebiansDummyUpsReadsThem()
    {
        var sb = new StringBuilder();
        sb.Append("many: ").Append(string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i))).Append('\n');
        sb.Append(new string('n', 600)).Append(": longname\n");
        sb.Append(new string('m', 511)).Append("\\\\x: escaped-at-the-limit\n");
        sb.Append("eq: a=b\n");
        sb.Append("esc: \"a\\\"b\\\\c\\#d\"\n");
        sb.Append("joined: \"a b\"  c   d\n");
        sb.Append("err: \"a#b\" more words\n");
        sb.Append("tabs:\tx\ty\n");
        sb.Append("filter: \"a\tb\u00c3\u00a9c\rd\u007fe\" f\u00c3\u00a9g\n");
        sb.Append("cont: a\\\nb\n");
        sb.Append("contsp: a \\\n  b\n");
        sb.Append("multi: \"multi\nline\"\n");
        sb.Append("hash: x # comment\n");
        sb.Append("quotes: ab\"cd \"ef\"gh\n");
        sb.Append("empty: \"\" \"\" x\n");
        sb.Append("crlf: value\r\n");
        sb.Append("last:");
        byte[] content = Latin1(sb.ToString());

        var theirs = DummyUpsDump(content).Where(l => !IsDummyUpsOwn(l)).Order(StringComparer.Ordinal).ToList();
        var ours = new List<string>();
        foreach (var line in NutTokenizer.TokenizeFile(content))
        {
            if (line.IsError || line.Words.Length < 2)
                continue;
            string name = line.Words[0].EndsWith(':') ? line.Words[0][..^1] : line.Words[0];
            string value = string.Join(' ', line.Words[1..]);
            ours.Add($"{name}: {NutQuoting.Escape(value)}");
        }
        Assert.Equal(ours.Order(StringComparer.Ordinal).ToList(), theirs);
        Assert.Contains("many: " + string.Join(' ', Enumerable.Range(0, 31).Select(i => "w" + i)), theirs);
        Assert.Contains(new string('n', 512) + ": longname", theirs);
        Assert.Contains("eq: a = b", theirs);
        Assert.Contains("contsp: a  b", theirs);
        Assert.Contains("b\": more words", theirs);
        Assert.DoesNotContain(theirs, l => l.StartsWith("last", StringComparison.Ordinal));
    }

    static bool IsDummyUpsOwn(string line) =>
        line.StartsWith("device.", StringComparison.Ordinal) || line.StartsWith("driver.", StringComparison.Ordinal)
        || line.StartsWith("ups.", StringComparison.Ordinal);

    /// <summary>One Debian upsd for all protocol cases (each case uses its own connection).</summary>
    public sealed class ProtocolUpsd : IDisposable
    {
        readonly UpsdRun _run = StartUpsd(Latin1("[dev]\n driver = dummy-ups\n port = p\n"));

        public LineClient Client() => new("127.0.0.1", _run.Port);

        public void Dispose() => _run.Dispose();
    }
}
