using Nut.Core.State;

namespace Nut.Core.Tests;

/// <summary>The UPS state model and the driver-protocol messages it applies and dumps.</summary>
public class StateTests
{
    [Fact]
    public void SetInfoReportsOnlyRealChangesComparedIgnoringCase()
    {
        var s = new UpsState();
        Assert.True(s.SetInfo("ups.status", "OL"));
        Assert.False(s.SetInfo("ups.status", "OL"));
        Assert.False(s.SetInfo("UPS.STATUS", "ol")); // a case-only change is not a change, as in NUT
        Assert.True(s.SetInfo("ups.status", "OB"));
        Assert.Equal("OB", s.GetValue("Ups.Status"));
    }

    [Fact]
    public void ValuesAreCutAt255Characters()
    {
        var s = new UpsState();
        s.SetInfo("x", new string('v', 300));
        Assert.Equal(255, s.GetValue("x")!.Length);
    }

    [Fact]
    public void ImmutableVariablesIgnoreUpdatesAndDeletes()
    {
        var s = new UpsState();
        s.SetInfo("ups.model", "Forced");
        s.AddFlags("ups.model", VariableFlags.Immutable);
        Assert.False(s.SetInfo("ups.model", "Driver's"));
        Assert.False(s.DelInfo("ups.model"));
        Assert.Equal("Forced", s.GetValue("ups.model"));
    }

    [Fact]
    public void EnumsAndRangesWithNutsDuplicateRules()
    {
        var s = new UpsState();
        s.SetInfo("input.transfer.low", "180");
        Assert.True(s.AddEnum("input.transfer.low", "170"));
        Assert.False(s.AddEnum("input.transfer.low", "170"));
        Assert.True(s.AddEnum("input.transfer.low", "180"));
        Assert.False(s.AddEnum("nosuch", "1"));
        Assert.True(s.DelEnum("input.transfer.low", "170"));
        Assert.Equal(["180"], s.Get("input.transfer.low")!.Enums);

        Assert.True(s.AddRange("input.transfer.low", 160, 180));
        Assert.False(s.AddRange("input.transfer.low", 160, 200)); // same min: taken as a duplicate
        Assert.False(s.AddRange("input.transfer.low", 150, 180)); // same max: likewise
        Assert.False(s.AddRange("input.transfer.low", 300, 200)); // min > max
        Assert.True(s.AddRange("input.transfer.low", 190, 200));
        Assert.True(s.DelRange("input.transfer.low", 190, 0));    // first range with that min OR max
        Assert.Equal([new ValueRange(160, 180)], s.Get("input.transfer.low")!.Ranges);
    }

    [Fact]
    public void TypeWordsAsGetTypeAnswers()
    {
        var s = new UpsState();
        s.SetInfo("ups.id", "x");
        s.SetFlags("ups.id", VariableFlags.ReadWrite | VariableFlags.String);
        s.SetAux("ups.id", 16);
        Assert.Equal("RW STRING:16", s.Get("ups.id")!.TypeWords());
        s.SetInfo("input.transfer.low", "180");
        s.SetFlags("input.transfer.low", VariableFlags.ReadWrite);
        s.AddEnum("input.transfer.low", "170");
        Assert.Equal("RW ENUM NUMBER", s.Get("input.transfer.low")!.TypeWords());
        s.SetInfo("plain", "1");
        Assert.Equal("NUMBER", s.Get("plain")!.TypeWords());
    }

    [Fact]
    public void DriverMessagesAreAppliedWithUpsdsMinimums()
    {
        var s = new UpsState();
        Assert.True(s.ApplyDriverMessage(["SETINFO", "ups.status", "OL"]));
        Assert.True(s.ApplyDriverMessage(["SETFLAGS", "ups.status", "rw", "string", "bogus"]));
        Assert.True(s.ApplyDriverMessage(["SETAUX", "ups.status", "32"]));
        Assert.True(s.ApplyDriverMessage(["ADDCMD", "load.off"]));
        Assert.True(s.ApplyDriverMessage(["ADDCMD", "beeper.enable"]));
        Assert.False(s.ApplyDriverMessage(["SETINFO", "ups.status"])); // too few words: ignored
        Assert.False(s.ApplyDriverMessage(["PONG"]));                   // the connection's business
        Assert.False(s.ApplyDriverMessage(["FOO", "bar"]));
        Assert.Equal("RW STRING:32", s.Get("ups.status")!.TypeWords());
        Assert.True(s.ApplyDriverMessage(["SETFLAGS", "ups.status", "NUMBER"])); // SETFLAGS replaces
        Assert.Equal("NUMBER", s.Get("ups.status")!.TypeWords());
        Assert.True(s.ApplyDriverMessage(["DELCMD", "load.off"]));
        Assert.Equal(["beeper.enable"], s.Commands);
        Assert.True(s.ApplyDriverMessage(["DELINFO", "ups.status"]));
        Assert.Null(s.Get("ups.status"));
    }

    [Fact]
    public void DumpLinesInNutsOrder()
    {
        var s = new UpsState();
        s.SetInfo("ups_b", "2");
        s.SetInfo("ups.a", "say \"hi\" #1");
        s.SetFlags("ups.a", VariableFlags.ReadWrite | VariableFlags.String);
        s.SetAux("ups.a", 32);
        s.AddEnum("ups.a", "x");
        s.AddRange("ups_b", 1, 5);
        s.SetFlags("ups_b", VariableFlags.Number);
        s.AddCommand("test.battery.start");
        s.AddCommand("load.off");
        Assert.Equal([
            "SETINFO ups.a \"say \\\"hi\\\" \\#1\"",
            "ADDENUM ups.a \"x\"",
            "SETAUX ups.a 32",
            "SETFLAGS ups.a RW STRING",
            "SETINFO ups_b \"2\"",
            "ADDRANGE ups_b 1 5",
            "SETFLAGS ups_b NUMBER",
            "ADDCMD load.off",
            "ADDCMD test.battery.start",
        ], s.DumpLines());
    }
}
