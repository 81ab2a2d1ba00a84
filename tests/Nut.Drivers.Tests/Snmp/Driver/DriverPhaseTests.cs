using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// A three-phase RFC 1628 UPS (upsInputNumLines/upsOutputNumLines/upsBypassNumLines 3 with a row per line): the
/// per-phase variables (input.L1-N.voltage ...) of ours equal Debian's.
/// </summary>
public sealed class DriverPhaseTests(ITestOutputHelper output)
{
    static readonly Dictionary<string, string> Allowed = new()
    {
        // (none so far: a new entry needs a reason that holds for users, not for the test)
    };

    /// <summary>The checked-in ietf state turned three-phase: per line i, voltages 230+i, currents, powers, loads.</summary>
    static List<string> ThreePhase()
    {
        const string Ups = ".1.3.6.1.2.1.33.1.";
        var lines = SnmpdAgent.DefaultStateLines();
        SnmpStateFile.Put(lines, Ups + "3.2.0", "integer", "3", rw: false);
        SnmpStateFile.Put(lines, Ups + "4.3.0", "integer", "3", rw: false);
        SnmpStateFile.Put(lines, Ups + "5.1.0", "integer", "499", rw: false);
        SnmpStateFile.Put(lines, Ups + "5.2.0", "integer", "3", rw: false);
        for (int i = 1; i <= 3; i++)
        {
            string n = "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            void P(string column, int value) => SnmpStateFile.Put(lines, Ups + column + n, "integer", value.ToString(System.Globalization.CultureInfo.InvariantCulture), rw: false);
            P("3.3.1.1", i); P("3.3.1.2", 500 + i); P("3.3.1.3", 230 + i); P("3.3.1.4", 40 + i); P("3.3.1.5", 900 + i);
            P("4.4.1.1", i); P("4.4.1.2", 220 + i); P("4.4.1.3", 30 + i); P("4.4.1.4", 600 + i); P("4.4.1.5", 20 + i);
            P("5.3.1.1", i); P("5.3.1.2", 225 + i); P("5.3.1.3", 10 + i); P("5.3.1.4", 100 + i);
        }
        return lines;
    }

    [Fact]
    public async Task ThreePhaseVariablesAreTheSameAsDebians()
    {
        using var agent = SnmpdAgent.StartCustom(SnmpdAgent.IetfSysObjectId, ThreePhase());
        var options = SnmpUpsRunner.Options(agent.Address, "v2c");
        var theirTask = Task.Run(() => SnmpUpsRunner.Dump(Impl.Debian, options));
        var (ours, ourRaw) = SnmpUpsRunner.Dump(Impl.Ours, options);
        var (theirs, theirRaw) = await theirTask;
        Assert.Equal("3", theirs.GetValueOrDefault("input.phases"));
        foreach (var (name, want) in new[] { ("input.L1-N.voltage", "231"), ("input.L3-N.voltage", "233"), ("output.L2-N.voltage", "222"), ("input.bypass.L3-N.voltage", "228"), ("output.L3.power.percent", "23") })
            Assert.True(ours.GetValueOrDefault(name) == want, $"{name}: expected {want}, ours '{ours.GetValueOrDefault(name)}'\n{ourRaw}");
        var differences = DumpComparison.Unexplained(theirs, ours, Allowed, output);
        output.WriteLine($"ietf 3-phase: {theirs.Count} variables from Debian, {ours.Count} from ours, {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirRaw + "\n--- ours\n" + ourRaw);
    }
}
