using System.Text;
using Nut.Core.Text;

namespace Nut.Core.Tests;

/// <summary>Every rule of NUT's tokenizer (spec/config-files.md §1), one test each.</summary>
public class TokenizerTests
{
    static string[] Words(string line) => NutTokenizer.TokenizeLine(line).Words;

    static List<TokenizedLine> File(string text) => NutTokenizer.TokenizeFile(Encoding.Latin1.GetBytes(text));

    [Fact]
    public void WordsAreSplitOnWhitespace() => Assert.Equal(["GET", "VAR", "ups", "x"], Words("GET \t VAR\vups\fx\r"));

    [Fact]
    public void UnquotedEqualsIsAlwaysItsOwnWord()
    {
        Assert.Equal(["a", "=", "b"], Words("a=b"));
        Assert.Equal(["=", "a"], Words("=a"));
        Assert.Equal(["a", "=", "=", "b"], Words("a==b"));
        Assert.Equal(["a=b"], Words("\"a=b\""));
        Assert.Equal(["a=b"], Words("a\\=b"));
    }

    [Fact]
    public void HashStartsACommentOutsideQuotes()
    {
        Assert.Equal(["a"], Words("a#b c"));
        Assert.Equal(["a"], Words("a #b"));
        Assert.Empty(Words("# only a comment"));
        Assert.Equal(["a#b"], Words("a\\#b"));
    }

    [Fact]
    public void HashInQuotesIsAParseError()
    {
        var line = NutTokenizer.TokenizeLine("GET VAR \"a#b\" server.version");
        Assert.True(line.IsError);
        Assert.Equal("Unbalanced word due to unescaped # in quotes", line.Error);
        Assert.Equal(["GET", "VAR", "a"], line.Words);
    }

    [Fact]
    public void InAFileParsingResumesRightAfterTheOffendingHash()
    {
        var lines = File("desc = \"a#b\"\nport = x\n");
        Assert.True(lines[0].IsError);
        Assert.Equal(["b\""], lines[1].Words); // the rest of the physical line is a line of its own
        Assert.Equal(["port", "=", "x"], lines[2].Words);
    }

    [Fact]
    public void QuotesAreSpecialOnlyAtTheStartOfAWord()
    {
        Assert.Equal(["ab\"cd"], Words("ab\"cd"));
        Assert.Equal(["ab", "cd"], Words("\"ab\"cd"));
        Assert.Equal(["a b"], Words("\"a b\""));
        Assert.Equal([""], Words("\"\""));
        Assert.Equal(["x", "", "y"], Words("x \"\" y"));
    }

    [Fact]
    public void BackslashMakesTheNextByteLiteral()
    {
        Assert.Equal(["a b"], Words("a\\ b"));
        Assert.Equal(["a\"b"], Words("\"a\\\"b\""));
        Assert.Equal(["a\\b"], Words("\"a\\\\b\""));
        Assert.Equal(["a#b"], Words("\"a\\#b\""));
        Assert.Equal(["\"x"], Words("\\\"x"));
    }

    [Fact]
    public void BackslashNewlineContinuesTheLine()
    {
        Assert.Equal(["AB"], File("A\\\nB\n")[0].Words);
        Assert.Equal(["A", "", "B"], File("A \\\n  B\n")[0].Words); // NUT's corner: an empty word
    }

    [Fact]
    public void ANewlineInsideQuotesIsDroppedAndTheWordGoesOn()
    {
        var lines = File("GET VAR \"abc\n\" server.version\n");
        Assert.Single(lines);
        Assert.Equal(["GET", "VAR", "abc", "server.version"], lines[0].Words);
    }

    [Fact]
    public void BytesOutsidePrintableAsciiAreDroppedEvenInQuotes()
    {
        var t = new NutTokenizer();
        byte[] input = [(byte)'"', (byte)'a', 0x09, 0xc3, 0xa9, 0x0d, 0x7f, (byte)'b', (byte)'"', (byte)'\n'];
        TokenizerResult r = TokenizerResult.None;
        foreach (var b in input) r = t.Feed(b);
        Assert.Equal(TokenizerResult.Line, r);
        Assert.Equal(["a\u007fb"], t.Words); // TAB, CR and UTF-8 dropped; DEL (0x7F) kept
        Assert.Equal(4, t.DiscardedBytes);
    }

    [Fact]
    public void AtMost32WordsAreKept()
    {
        string line = string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i));
        var words = Words(line);
        Assert.Equal(32, words.Length);
        Assert.Equal("w31", words[^1]);
    }

    [Fact]
    public void AtMost512CharactersPerWordAreKept()
    {
        var words = Words(new string('a', 600) + " b");
        Assert.Equal(512, words[0].Length);
        Assert.Equal("b", words[1]);
    }

    [Fact]
    public void AtTheEndOfAFileALastOneWordLineWithoutNewlineIsLost()
    {
        Assert.Empty(File("nowait"));
        Assert.Single(File("[ups]\nnowait")); // only [ups]
        Assert.Equal(["port", "=", "x"], File("port = x")[0].Words); // several words: kept
        Assert.Equal(["a", "b"], File("a b")[0].Words);
    }

    [Fact]
    public void CrLfAndLoneCrAreWhitespace()
    {
        Assert.Equal(["VER"], File("VER\r\n")[0].Words);
        Assert.Equal(["VER", "VER"], Words("VER\rVER")); // a lone CR does not end a line
    }

    [Fact]
    public void EmptyLinesAreLinesWithNoWords()
    {
        var t = new NutTokenizer();
        Assert.Equal(TokenizerResult.Line, t.Feed((byte)'\n'));
        Assert.Empty(t.Words);
    }

    [Fact]
    public void LineNumbersPointAtWhereTheLogicalLineStarts()
    {
        var lines = File("\n\na b\n# c\nd \\\ne\n");
        Assert.Equal(3, lines.First(l => l.Words.Length > 0).LineNumber);
        Assert.Equal(5, lines.Last(l => l.Words.Length > 0).LineNumber);
    }

    [Fact]
    public void AtTheEndOfAFileTheWordBeingReadCountsOnlyIfItHoldsCharacters()
    {
        Assert.Equal(["a"], File("a \\")[0].Words);          // "a \" : the word started by '\' is empty
        Assert.Equal(["a"], File("a \"")[0].Words);           // an opened, empty quote
        Assert.Equal(["a", "xy"], File("a \"xy")[0].Words);   // an unterminated quote with text
        Assert.Equal(["a"], File("a \u0001")[0].Words);       // only a dropped byte
        Assert.Equal(["a", "b"], File("a b # comment")[0].Words);
        Assert.Empty(File("\"only"));                       // no completed word: the line is lost
    }

    [Fact]
    public void AWordOfDroppedBytesIsAnEmptyWord()
    {
        Assert.Equal(["a", "", "b"], Words("a \u0001 b"));
        Assert.Equal(["", "x"], Words("\u00e9 x"));
    }

    [Fact]
    public void BackslashNewlineInsideQuotesIsDropped() => Assert.Equal(["ab"], File("\"a\\\nb\"\n")[0].Words);

    [Fact]
    public void BackslashAtTheStartOfAWordMakesTheNextByteLiteral()
    {
        Assert.Equal(["=x"], Words("\\=x"));
        Assert.Equal(["#"], Words("\\#"));
        Assert.Equal([" "], Words("\\ "));
    }

    [Fact]
    public void WordLimitsAreExact()
    {
        Assert.Equal(512, Words(new string('a', 512))[0].Length);
        Assert.Equal(512, Words(new string('a', 513))[0].Length);
        var thirtyTwo = Words(string.Join(' ', Enumerable.Range(0, 32).Select(i => "w" + i)));
        Assert.Equal(32, thirtyTwo.Length);
        // '=' words count towards the limit like any other.
        Assert.Equal(32, Words(string.Join("=", Enumerable.Range(0, 20).Select(i => "w" + i))).Length);
        var custom = new NutTokenizer(maxWords: 2, maxWordLength: 3);
        foreach (byte b in Encoding.ASCII.GetBytes("abcdef gh ij\n")) custom.Feed(b);
        Assert.Equal(["abc", "gh"], custom.Words);
    }

    [Fact]
    public void AfterAnErrorTheNextByteStartsAFreshLine()
    {
        var t = new NutTokenizer();
        TokenizerResult last = TokenizerResult.None;
        foreach (byte b in Encoding.ASCII.GetBytes("A \"b#")) last = t.Feed(b);
        Assert.Equal(TokenizerResult.Error, last);
        Assert.Equal(["A", "b"], t.Words);
        foreach (byte b in Encoding.ASCII.GetBytes("c d\n")) last = t.Feed(b);
        Assert.Equal(TokenizerResult.Line, last);
        Assert.Equal(["c", "d"], t.Words);
        Assert.Null(t.Error);
    }

    [Fact]
    public void ResetForgetsAPartialLine()
    {
        var t = new NutTokenizer();
        foreach (byte b in Encoding.ASCII.GetBytes("GET \"VAR")) t.Feed(b);
        Assert.True(t.HasPendingInput);
        t.Reset();
        Assert.False(t.HasPendingInput);
        foreach (byte b in Encoding.ASCII.GetBytes("VER\n")) t.Feed(b);
        Assert.Equal(["VER"], t.Words);
    }

    [Fact]
    public void NutCountsLogicalLines()
    {
        var lines = File("a\n\n# c\nb \\\nc\nd \"e\nf\"\ng \"h#i\" j\nk\n");
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], lines.Select(l => l.NutLineNumber));
        Assert.Equal([1, 2, 3, 4, 6, 8, 8, 9], lines.Select(l => l.LineNumber));
        Assert.True(lines[5].IsError);
        Assert.Equal(["i\"", "j"], lines[6].Words); // the rest of physical line 8, NUT's line 7
    }

    [Fact]
    public void RandomBytesNeverThrowAndKeepTheLimits()
    {
        var random = new Random(1234);
        var t = new NutTokenizer();
        for (int i = 0; i < 200_000; i++)
        {
            if (t.Feed((byte)random.Next(256)) == TokenizerResult.None)
                continue;
            Assert.True(t.Words.Count <= NutTokenizer.DefaultMaxWords);
            Assert.All(t.Words, w => Assert.True(w.Length <= NutTokenizer.DefaultMaxWordLength && w.All(c => c >= 0x20 && c <= 0x7F)));
        }
        t.Finish();
        byte[] noise = new byte[100_000];
        random.NextBytes(noise);
        var lines = NutTokenizer.TokenizeFile(noise);
        Assert.All(lines, l => Assert.True(l.LineNumber >= 1 && l.NutLineNumber >= 1));
    }

    [Fact]
    public void QuotingThenTokenizingGivesAnyPrintableValueBack()
    {
        var random = new Random(42);
        string printable = new([.. Enumerable.Range(0x20, 0x60).Select(c => (char)c)]); // 0x20..0x7F, DEL included
        for (int i = 0; i < 3000; i++)
        {
            string value = new([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => printable[random.Next(printable.Length)])]);
            Assert.Equal([value], Words(NutQuoting.Quote(value)));
            Assert.Equal(["SET", "VAR", "ups", "x", value], Words("SET VAR ups x " + NutQuoting.Quote(value)));
            // The client's form quotes only when needed; '=' must then be escaped by the caller's quoting.
            if (!value.Contains('=') && value.Length > 0)
                Assert.Equal([value], Words(NutQuoting.ClientArgument(value)));
        }
    }

    [Fact]
    public void FeedingInPiecesGivesTheSameLines()
    {
        var random = new Random(7);
        string alphabet = "ab \"\\#=\n\r\t";
        for (int round = 0; round < 200; round++)
        {
            string text = new([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var whole = File(text);
            var t = new NutTokenizer();
            var pieces = new List<(string[] Words, string? Error)>();
            foreach (byte b in Encoding.Latin1.GetBytes(text))
                if (t.Feed(b) != TokenizerResult.None)
                    pieces.Add(([.. t.Words], t.Error));
            if (t.Finish() == TokenizerResult.Line)
                pieces.Add(([.. t.Words], null));
            Assert.Equal(whole.Select(l => (string.Join("|", l.Words), l.Error)), pieces.Select(p => (string.Join("|", p.Words), p.Error)));
        }
    }
}
