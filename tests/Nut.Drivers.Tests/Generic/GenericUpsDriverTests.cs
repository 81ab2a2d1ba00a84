using Nut.Drivers.Generic;
using Nut.Drivers.Host;

namespace Nut.Drivers.Tests.Generic;

/// <summary>
/// genericups' logic in-process on fake modem lines: for every upstype the status each combination of input lines
/// gives, the lines raised at start and for the shutdown, and every override, all against NUT's table.
/// </summary>
public sealed class GenericUpsDriverTests
{
    sealed class Run
    {
        public readonly FakeModemLines Lines = new();
        public readonly DriverState State = new();
        public readonly DriverHostContext Host;
        public readonly GenericUps Driver;
        public readonly List<TimeSpan> Holds = [];

        public Run(params (string Key, string Value)[] settings)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["port"] = "/dev/fake" };
            foreach (var (k, v) in settings)
                values[k] = v;
            Host = new DriverHostContext("g", State, values, [], "/nonexistent", TimeProvider.System);
            Driver = new GenericUps(_ => Lines) { Hold = Holds.Add };
        }

        public string Status(params string[] on)
        {
            Lines.SetInputs(on);
            Driver.UpdateInfo(Host);
            return State.GetInfo("ups.status")!;
        }

        public Run Start()
        {
            Driver.InitUps(Host);
            Driver.InitInfo(Host);
            return this;
        }
    }

    static string Outputs(string lines) => ("SET " + lines).Trim();

    public static TheoryData<int> Types => new(Enumerable.Range(0, 24));

    [Fact]
    public void TheTableHasNutsTwentyFourTypes() =>
        Assert.Equal(NutGenericUpsTable.Rows.Length, ContactClosureTypes.All.Count);

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryLineCombinationGivesNutsStatus(int upstype)
    {
        var row = NutGenericUpsTable.Rows[upstype];
        var run = new Run(("upstype", upstype.ToString(System.Globalization.CultureInfo.InvariantCulture))).Start();
        Assert.Equal(row.Mfr, run.State.GetInfo("ups.mfr"));
        Assert.Equal(row.Model, run.State.GetInfo("ups.model"));
        Assert.Null(run.State.GetInfo("ups.serial"));
        foreach (var on in NutGenericUpsTable.Combinations())
            Assert.True(NutGenericUpsTable.ExpectedStatus(row, on) == run.Status(on),
                $"upstype {upstype}, lines on: [{string.Join(' ', on)}]: expected {NutGenericUpsTable.ExpectedStatus(row, on)}, got {run.State.GetInfo("ups.status")}");
        Assert.False(run.State.IsStale);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void CablePowerAtStartAndShutdownLinesAsNut(int upstype)
    {
        var row = NutGenericUpsTable.Rows[upstype];
        var run = new Run(("upstype", upstype.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sdtime", "3"));
        run.Driver.InitUps(run.Host); // -k runs InitUps then Shutdown, nothing else
        Assert.Equal([Outputs(row.Power)], run.Lines.Outputs);
        if (row.Sd == "unknown")
        {
            var e = Assert.Throws<DriverFatalException>(() => run.Driver.Shutdown(run.Host));
            Assert.Equal("No shutdown command defined for this model!", e.Message);
            Assert.Single(run.Lines.Outputs);
            return;
        }
        Assert.Equal(0, run.Driver.Shutdown(run.Host));
        if (row.Sd == "ST")
        {
            Assert.Equal([Outputs(row.Power), "BREAK 4901"], run.Lines.Outputs); // NUT's tcsendbreak(fd, 4901): 5.0 s
            Assert.Empty(run.Holds); // NUT returns right after the break: sdtime does not apply
        }
        else
        {
            Assert.Equal([Outputs(row.Power), Outputs(row.Sd)], run.Lines.Outputs);
            Assert.Equal([TimeSpan.FromSeconds(3)], run.Holds);
        }
    }

    [Fact]
    public void WithoutSdtimeTheShutdownLinesAreSetAndTheDriverReturns()
    {
        var run = new Run(("upstype", "1"));
        run.Driver.InitUps(run.Host);
        Assert.Equal(0, run.Driver.Shutdown(run.Host));
        Assert.Equal(["SET DTR", "SET RTS"], run.Lines.Outputs);
        Assert.Empty(run.Holds);
        var zero = new Run(("upstype", "1"), ("sdtime", "0"));
        zero.Driver.InitUps(zero.Host);
        zero.Driver.Shutdown(zero.Host);
        Assert.Empty(zero.Holds);
    }

    [Fact]
    public void NameOverridesReplaceTheTable()
    {
        var run = new Run(("upstype", "2"), ("mfr", "ACME"), ("model", "Box 9"), ("serial", "SN42")).Start();
        Assert.Equal("ACME", run.State.GetInfo("ups.mfr"));
        Assert.Equal("Box 9", run.State.GetInfo("ups.model"));
        Assert.Equal("SN42", run.State.GetInfo("ups.serial"));
    }

    [Theory]
    // upstype 2 is OL = CTS off, LB = DCD on. A leading '-' means "true when the line is off".
    [InlineData("OL", "-CTS", new[] { "CTS" }, "OB")]
    [InlineData("OL", "CTS", new[] { "CTS" }, "OL")]
    [InlineData("OL", "CTS", new string[0], "OB")]
    [InlineData("OL", "DSR", new[] { "DSR" }, "OL")]
    [InlineData("OL", "CTS,DSR", new[] { "CTS" }, "OB")] // both lines must be on
    [InlineData("OL", "CTS,DSR", new[] { "CTS", "DSR" }, "OL")]
    [InlineData("OL", "CTS -DSR", new[] { "CTS" }, "OL")]
    [InlineData("OL", "none", new string[0], "OL")] // no on-line signal: always on line
    [InlineData("OL", "NULL", new[] { "CTS" }, "OL")]
    [InlineData("LB", "-DCD", new[] { "CTS" }, "LB OB")]
    [InlineData("LB", "RNG", new[] { "RNG" }, "LB OL")]
    [InlineData("LB", "none", new[] { "CTS", "DCD" }, "OB")]
    [InlineData("RB", "DSR", new[] { "DSR" }, "OL RB")]
    [InlineData("RB", "-RNG", new string[0], "OL RB")]
    [InlineData("BYPASS", "RNG", new[] { "RNG" }, "OL BYPASS")]
    [InlineData("BYPASS", "-DSR", new[] { "CTS", "DSR" }, "OB")]
    [InlineData("OL", "XYZ", new[] { "CTS" }, "OL")] // a misspelt line name is no line: always on line, as NUT
    public void InputOverrides(string signal, string value, string[] on, string expected)
    {
        var run = new Run(("upstype", "2"), (signal, value)).Start();
        Assert.Equal(expected, run.Status(on));
    }

    [Theory]
    [InlineData("CP", "DTR", "SET DTR")]
    [InlineData("CP", "DTR+RTS", "SET DTR RTS")]
    [InlineData("CP", "RTS,-DTR", "SET RTS")]
    [InlineData("CP", "none", "SET")]
    [InlineData("CP", "NULL", "SET")]
    public void CablePowerOverride(string key, string value, string expected)
    {
        var run = new Run(("upstype", "4"), (key, value));
        run.Driver.InitUps(run.Host);
        Assert.Equal([expected], run.Lines.Outputs);
    }

    [Theory]
    [InlineData("DTR", "SET DTR")]
    [InlineData("RTS DTR", "SET DTR RTS")]
    [InlineData("none", "SET")]
    [InlineData("ST", "BREAK 4901")]
    public void ShutdownOverride(string value, string expected)
    {
        var run = new Run(("upstype", "8"), ("SD", value)); // type 8 has no shutdown of its own
        run.Driver.InitUps(run.Host);
        run.Driver.Shutdown(run.Host);
        Assert.Equal(["SET DTR", expected], run.Lines.Outputs);
    }

    [Theory]
    [InlineData("CP", "CTS", "Can't override output with CTS (not an output)")]
    [InlineData("SD", "DCD", "Can't override output with DCD (not an output)")]
    [InlineData("SD", "RNG", "Can't override output with RNG (not an output)")]
    [InlineData("CP", "DSR", "Can't override output with DSR (not an output)")]
    [InlineData("OL", "DTR", "Can't override input with DTR (not an input)")]
    [InlineData("LB", "RTS", "Can't override input with RTS (not an input)")]
    [InlineData("RB", "ST", "Can't override input with ST (not an input)")]
    public void LinesInTheWrongDirectionAreFatal(string key, string value, string message)
    {
        var run = new Run(("upstype", "2"), (key, value));
        var e = Assert.Throws<DriverFatalException>(() => run.Start());
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(null, "No upstype set - see help text / man page!")]
    [InlineData("24", "\nFatal error: unknown UPS type number")]
    [InlineData("-1", "\nFatal error: unknown UPS type number")]
    public void AMissingOrUnknownUpstypeIsFatal(string? upstype, string message)
    {
        var run = upstype is null ? new Run() : new Run(("upstype", upstype));
        var e = Assert.Throws<DriverFatalException>(() => run.Driver.InitUps(run.Host));
        Assert.Equal(message, e.Message);
        Assert.Empty(run.Lines.Outputs);
    }

    [Fact]
    public void UpstypeIsReadLikeAtoi()
    {
        Assert.Equal("UPSONIC", new Run(("upstype", "abc")).Start().State.GetInfo("ups.mfr"));
        Assert.Equal("Powerware", new Run(("upstype", "11xyz")).Start().State.GetInfo("ups.mfr"));
    }

    [Fact]
    public void AFailedReadMarksTheDataStaleAndARecoveryClearsIt()
    {
        var run = new Run(("upstype", "6")).Start();
        Assert.Equal("OL", run.Status("CTS", "DCD"));
        Assert.False(run.State.IsStale);
        run.Lines.ReadError = "Input/output error";
        run.Driver.UpdateInfo(run.Host);
        Assert.True(run.State.IsStale);
        Assert.Equal("OL", run.State.GetInfo("ups.status")); // the last status stays, marked stale
        run.Lines.ReadError = null;
        Assert.Equal("LB OB", run.Status());
        Assert.False(run.State.IsStale);
    }
}
