using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// The ePDU path (eaton_epdu, chosen by sysObjectID): outlets, outlet groups, the unit's probe and an EMP sensor in
/// Fahrenheit, served by snmpd from <see cref="EpduState"/>; Debian's snmp-ups and ours must publish the same.
/// </summary>
public sealed class DriverEpduTests(ITestOutputHelper output)
{
    /// <summary>Variables allowed to differ, and why.</summary>
    static readonly Dictionary<string, string> Allowed = new()
    {
        ["ups.status"] = "an outlet alarm is set: Debian's 2.8.0 snmp-ups publishes it in ups.alarm but leaves ups.status "
            + "empty (seen in -d 1 and in its daemon after several walks); ours adds ALARM whenever ups.alarm is set, as the "
            + "shared driver state does for every driver",
    };

    [Fact]
    public async Task OutletsGroupsAndSensorsAreTheSameAsDebians()
    {
        using var agent = SnmpdAgent.StartCustom(EpduState.SysObjectId, EpduState.Lines(), EpduState.Subtree);
        // v1: under v2c Debian's 2.8.0 takes the agent's noSuchInstance answer to its index-0 probe for an existing
        // outlet, guesses that outlets count from 0, and loses the last outlet, group and sensor (docs/snmp.md).
        var options = SnmpUpsRunner.Options(agent.Address, "v1");
        var theirTask = Task.Run(() => SnmpUpsRunner.Dump(Impl.Debian, options));
        var (ours, ourRaw) = SnmpUpsRunner.Dump(Impl.Ours, options);
        var (theirs, theirRaw) = await theirTask;
        Assert.True(theirs.GetValueOrDefault("driver.version.data") == "eaton_epdu MIB 0.69", "Debian did not take it for an ePDU:\n" + theirRaw);
        // What the state file sets up must be there at all (else equality would prove little).
        foreach (var name in new[] { "outlet.count", "outlet.4.current", "outlet.3.status", "outlet.1.name", "outlet.group.2.name", "outlet.group.1.current", "ambient.temperature", "input.voltage" })
            Assert.True(ours.ContainsKey(name), $"ours lacks {name}\n{ourRaw}");
        var differences = DumpComparison.Unexplained(theirs, ours, Allowed, output);
        output.WriteLine($"eaton_epdu: {theirs.Count} variables from Debian, {ours.Count} from ours, {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirRaw + "\n--- ours\n" + ourRaw);
    }
}
