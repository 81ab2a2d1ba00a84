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
    public void RandomBytesNeverThrow()
    {
        var random = new Random(1234);
        var t = new NutTokenizer();
        for (int i = 0; i < 200_000; i++)
            t.Feed((byte)random.Next(256));
        t.Finish();
    }

    [Fact]
    public void EscapingThenTokenizingGivesTheValueBack()
    {
        var random = new Random(42);
        const string alphabet = "ab \"\\#=xyz'.:-_";
        for (int i = 0; i < 2000; i++)
        {
            string value = new(Enumerable.Range(0, random.Next(0, 20)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal([value], Words(NutQuoting.Quote(value)));
        }
    }
}
