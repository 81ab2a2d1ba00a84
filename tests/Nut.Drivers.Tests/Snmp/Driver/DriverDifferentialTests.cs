using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// Debian's own /lib/nut/snmp-ups 2.8.0 and ours against the same snmpd simulator: both -d 1 dumps must list the same
/// variables with the same values. Every difference is printed; only those listed here with a reason are allowed.
/// </summary>
public sealed class DriverDifferentialTests(SnmpdPairFixture agents, ITestOutputHelper output) : IClassFixture<SnmpdPairFixture>
{
    /// <summary>Variables allowed to differ, and why.</summary>
    static readonly Dictionary<string, string> Allowed = new()
    {
        // (none so far: a new entry needs a reason that holds for users, not for the test)
    };

    public static TheoryData<string, string> Cases() => new() { { "ietf", "v2c" }, { "apc", "v1" }, { "apc", SnmpdAgent.ShaAuthUser.Name } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothDriversPublishTheSameVariables(string mib, string mode)
    {
        var agent = agents.Get(mib);
        var options = SnmpUpsRunner.Options(agent.Address, mode);
        var (theirs, theirRaw) = SnmpUpsRunner.Dump(Impl.Debian, options);
        var (ours, ourRaw) = SnmpUpsRunner.Dump(Impl.Ours, options);
        Assert.True(theirs.Count > 20, "Debian's driver published too little:\n" + theirRaw);
        var differences = DumpComparison.Unexplained(theirs, ours, Allowed, output);
        output.WriteLine($"{mib}/{mode}: {theirs.Count} variables from Debian, {ours.Count} from ours, {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirRaw + "\n--- ours\n" + ourRaw);
    }
}
