using System.Text;
using Nut.Core.Text;

namespace Nut.Core.Tests;

public class TokenizerTests
{
    static string[] Words(string line) => NutTokenizer.TokenizeLine(line).Words;

    [Fact]
    public void UnquotedEqualsIsAlwaysItsOwnWord()
    {
        Assert.Equal(["a", "=", "b"], Words("a=b"));
        Assert.Equal(["GET", "VAR", "a", "=", "b", "server.version"], Words("GET VAR a=b server.version"));
        Assert.Equal(["a=b"], Words("\"a=b\""));
    }

    [Fact]
    public void HashInQuotesIsAParseError()
    {
        var line = NutTokenizer.TokenizeLine("GET VAR \"a#b\" server.version");
        Assert.True(line.IsError);
        Assert.Equal("Unbalanced word due to unescaped # in quotes", line.Error);
    }
}
