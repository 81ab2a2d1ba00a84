using Nut.Drivers.Snmp.Mib;
using Nut.Drivers.Snmp.Mib.Tables;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// snmp-ups -k, ours and Debian's, each against its own snmpd started from the same value file: both must end with the
/// same exit code, say the same about the shutdown, and leave the same SETs in the value file.
/// </summary>
public sealed class DriverShutdownTests(ITestOutputHelper output)
{
    static readonly string[] Messages = ["Initiating UPS shutdown", "Shutdown failed!"];

    public static TheoryData<string> Mibs() => new() { "ietf", "apc" };

    [Theory]
    [MemberData(nameof(Mibs))]
    public void ShutdownWritesWhatDebiansWrites(string mib)
    {
        MibMapping mapping = mib == "ietf" ? IetfMib.Ietf : ApccMib.Apcc;
        string sysOid = mib == "ietf" ? SnmpdAgent.IetfSysObjectId : SnmpdAgent.ApcSysObjectId;
        var lines = SnmpStateFile.Commandable(mapping);
        using var theirAgent = SnmpdAgent.StartCustom(sysOid, lines);
        using var ourAgent = SnmpdAgent.StartCustom(sysOid, lines);
        var before = SnmpStateFile.Read(ourAgent.StatePath);
        // ondelay/offdelay: snmp-ups writes them to ups.delay.start/shutdown before the shutdown command (apcc has them).
        List<string> X(SnmpdAgent a) => [.. SnmpUpsRunner.Options(a.Address, "v2c", SnmpdAgent.WriteCommunity), "ondelay=30", "offdelay=60"];
        var theirs = SnmpUpsProcesses.Shutdown(Impl.Debian, X(theirAgent));
        var ours = SnmpUpsProcesses.Shutdown(Impl.Ours, X(ourAgent));
        output.WriteLine($"--- Debian\n{theirs}\n--- ours\n{ours}");

        var theirState = SnmpStateFile.Read(theirAgent.StatePath);
        var ourState = SnmpStateFile.Read(ourAgent.StatePath);
        foreach (var change in SnmpStateFile.Differences(before, theirState, "before", "after Debian's -k"))
            output.WriteLine("SET by Debian: " + change);
        var differences = SnmpStateFile.Differences(theirState, ourState);
        Assert.True(differences.Count == 0, "the value files differ after -k:\n" + string.Join('\n', differences) + $"\n--- Debian\n{theirs}\n--- ours\n{ours}");
        Assert.True(theirs.ExitCode == ours.ExitCode, $"exit code: Debian {theirs.ExitCode}, ours {ours.ExitCode}\n--- Debian\n{theirs}\n--- ours\n{ours}");
        foreach (var m in Messages)
            Assert.True(theirs.Stderr.Contains(m, StringComparison.Ordinal) == ours.Stderr.Contains(m, StringComparison.Ordinal),
                $"'{m}': Debian {(theirs.Stderr.Contains(m, StringComparison.Ordinal) ? "says it" : "does not")}, ours differs\n--- Debian\n{theirs}\n--- ours\n{ours}");
        if (mib == "apc")
        {
            // PowerNet has shutdown.return (upsBasicControlConserveBattery = 2): the shutdown succeeds and is visible.
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal("integer 2", ourState[".1.3.6.1.4.1.318.1.1.1.6.1.1.0"]);
            Assert.Equal("timeticks 2000", ourState[".1.3.6.1.4.1.318.1.1.1.5.2.10.0"]); // offdelay 60 s through NUT's multiplier 3
        }
        else
        {
            // The UPS-MIB mapping has no shutdown.return/reboot/load.off.delay: nothing is sent, -k fails.
            Assert.NotEqual(0, ours.ExitCode);
            Assert.Empty(SnmpStateFile.Differences(before, ourState));
        }
    }
}
