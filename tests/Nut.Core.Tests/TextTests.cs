using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Core.Text;

namespace Nut.Core.Tests;

public class TextTests
{
    [Fact]
    public void EscapeAddsABackslashBeforeQuoteBackslashAndHash()
    {
        Assert.Equal("my quoted \\#1 id", NutQuoting.Escape("my quoted #1 id"));
        Assert.Equal("a\\\"b\\\\c", NutQuoting.Escape("a\"b\\c"));
        Assert.Equal("\"x y\"", NutQuoting.ClientArgument("x y"));
        Assert.Equal("xy", NutQuoting.ClientArgument("xy"));
        Assert.Equal("\"\"", NutQuoting.ClientArgument(""));
    }

    [Fact]
    public void NamesSortAsCStrcasecmp()
    {
        var names = new List<string> { "battery.charge.low", "ups_x", "Battery.charge", "upsa", "ups.status", "battery.charge" };
        names.Sort(NutNameComparer.Instance);
        // '.' < '_' < letters with tolower; a prefix sorts first.
        Assert.Equal(["Battery.charge", "battery.charge", "battery.charge.low", "ups.status", "ups_x", "upsa"], names);
        Assert.True(NutNameComparer.Instance.Equals("UPS.Status", "ups.status"));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("  -7x", -7)]
    [InlineData("abc", 0)]
    [InlineData("+3", 3)]
    [InlineData("99999999999", int.MaxValue)]
    public void AtoiIsLenientLikeC(string text, int value) => Assert.Equal(value, CInt.Atoi(text));

    [Fact]
    public void ErrorTokensAndClientTexts()
    {
        Assert.Equal("ERR VAR-NOT-SUPPORTED", NutError.VarNotSupported.ReplyLine());
        Assert.Equal("Variable not supported by UPS", NutErrors.ClientMessage("VAR-NOT-SUPPORTED"));
        Assert.Equal("Driver not connected", NutErrors.ClientMessage("DRIVER-NOT-CONNECTED"));
        Assert.Equal("Unknown error", NutErrors.ClientMessage("INVALID-ARGUMENT"));
        Assert.Equal("Unknown error", NutErrors.ClientMessage("SOMETHING-NEW"));
        Assert.True(NutErrors.TryParse("DATA-STALE", out var e));
        Assert.Equal(NutError.DataStale, e);
    }

    [Fact]
    public void GetOptHandlesClustersAttachedArgumentsAndStops()
    {
        var r = GetOpt.Parse(["-DDu", "root", "-Fx", "a=b", "start", "-D"], "+Du:Fx:");
        Assert.Equal([new ParsedOption('D', null), new ParsedOption('D', null), new ParsedOption('u', "root"),
            new ParsedOption('F', null), new ParsedOption('x', "a=b")], r.Options);
        Assert.Equal(["start", "-D"], r.Operands);
        var bad = GetOpt.Parse(["-z", "-u"], "u:");
        Assert.Equal('z', bad.BadOption);
        var missing = GetOpt.Parse(["-u"], "u:");
        Assert.True(missing.MissingArgument);
    }
}
