using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// pollfreq, semistaticfreq and notransferoids, tested by what the drivers ask the agent (a counting relay in front of
/// snmpd), never by how long anything takes.
/// </summary>
public sealed class DriverPollingTests(ITestOutputHelper output)
{
    const string IetfStatus = ".1.3.6.1.2.1.33.1.4.1.0";       // upsOutputSource: a status entry, read on every poll
    const string IetfVoltage = ".1.3.6.1.2.1.33.1.3.3.1.3.1";  // upsInputVoltage.1: read by full walks only
    const string ApcTransferHigh = ".1.3.6.1.4.1.318.1.1.1.5.2.2.0", ApcTransferLow = ".1.3.6.1.4.1.318.1.1.1.5.2.3.0";

    [Fact]
    public void PollfreqDecidesHowOftenTheFullWalkRuns()
    {
        using var agent = SnmpdAgent.Start("ietf");
        using var slow = new SnmpRelay(agent.Port, IetfStatus, IetfVoltage);
        using var every = new SnmpRelay(agent.Port, IetfStatus, IetfVoltage);
        using var debian = new SnmpRelay(agent.Port, IetfStatus, IetfVoltage);
        // Ours with pollfreq=30 and =0, Debian's with pollfreq=30; all poll every second (-i 1).
        var (a, aDir) = SnmpUpsProcesses.StartUnattended(Impl.Ours, [.. SnmpUpsRunner.Options(slow.Address, "v2c"), "pollfreq=30"]);
        var (b, bDir) = SnmpUpsProcesses.StartUnattended(Impl.Ours, [.. SnmpUpsRunner.Options(every.Address, "v2c"), "pollfreq=0"]);
        var (c, cDir) = SnmpUpsProcesses.StartUnattended(Impl.Debian, [.. SnmpUpsRunner.Options(debian.Address, "v2c"), "pollfreq=30"]);
        using (aDir) using (bDir) using (cDir) using (a) using (b) using (c)
        {
            // Ours reads the status every poll: wait for five polls after the start-up walk.
            a.WaitUntil(() => slow.Count(IetfStatus) >= 6 && every.Count(IetfStatus) >= 6, "six status reads by both of our drivers", 30);
            var d = debian.Seen;
            output.WriteLine($"pollfreq=30: status {slow.Count(IetfStatus)}, voltage {slow.Count(IetfVoltage)}; pollfreq=0: status {every.Count(IetfStatus)}, voltage {every.Count(IetfVoltage)}; Debian pollfreq=30: status {d.Count(s => s == IetfStatus)}, voltage {d.Count(s => s == IetfVoltage)}");
            // pollfreq=30: the start-up walk and the first update's full walk, then only status polls.
            Assert.Equal(2, slow.Count(IetfVoltage));
            // Debian (pollfreq=30) makes the same two full walks and no status polls in between (docs/snmp.md).
            Assert.Equal(2, d.Count(s => s == IetfVoltage));
            Assert.Equal(2, d.Count(s => s == IetfStatus));
            // pollfreq=0: every poll is a full walk (a poll within the same second as the last walk may be a status poll).
            var e = every.Seen;
            Assert.InRange(e.Count(s => s == IetfVoltage), e.Count(s => s == IetfStatus) - 1, e.Count(s => s == IetfStatus));
        }
    }

    /// <summary>
    /// NUT 2.8.0's notransferoids only takes the transfer points out of the update walks: the start-up walk still reads
    /// and publishes them once (Debian's driver shows it). Ours must ask exactly as often and publish the same.
    /// </summary>
    [Fact]
    public async Task NotransferoidsStopsReadingTheTransferPointsAfterStartUp()
    {
        using var agent = SnmpdAgent.Start("apc");
        using var ourRelay = new SnmpRelay(agent.Port, ApcTransferHigh, ApcTransferLow);
        using var theirRelay = new SnmpRelay(agent.Port, ApcTransferHigh, ApcTransferLow);
        using var plainRelay = new SnmpRelay(agent.Port, ApcTransferHigh, ApcTransferLow);
        // -d 1: the start-up walk and one update walk.
        var ours = Task.Run(() => SnmpUpsRunner.Dump(Impl.Ours, [.. SnmpUpsRunner.Options(ourRelay.Address, "v1"), "notransferoids"]));
        var theirs = Task.Run(() => SnmpUpsRunner.Dump(Impl.Debian, [.. SnmpUpsRunner.Options(theirRelay.Address, "v1"), "notransferoids"]));
        var plain = Task.Run(() => SnmpUpsRunner.Dump(Impl.Ours, SnmpUpsRunner.Options(plainRelay.Address, "v1")));
        await Task.WhenAll(ours, theirs, plain);
        var (ourValues, ourRaw) = await ours;
        var (theirValues, theirRaw) = await theirs;
        output.WriteLine($"reads of high/low: ours {ourRelay.Count(ApcTransferHigh)}/{ourRelay.Count(ApcTransferLow)}, Debian {theirRelay.Count(ApcTransferHigh)}/{theirRelay.Count(ApcTransferLow)}, ours without the flag {plainRelay.Count(ApcTransferHigh)}/{plainRelay.Count(ApcTransferLow)}");
        Assert.True(theirRaw.ExitCode == 0 && ourRaw.ExitCode == 0, $"--- Debian\n{theirRaw}\n--- ours\n{ourRaw}");
        foreach (var name in new[] { "input.transfer.high", "input.transfer.low", "driver.flag.notransferoids" })
            Assert.True(theirValues.GetValueOrDefault(name) == ourValues.GetValueOrDefault(name), $"{name}: Debian '{theirValues.GetValueOrDefault(name)}', ours '{ourValues.GetValueOrDefault(name)}'");
        foreach (var oid in new[] { ApcTransferHigh, ApcTransferLow })
        {
            Assert.Equal(theirRelay.Count(oid), ourRelay.Count(oid));
            Assert.Equal(1, ourRelay.Count(oid));   // start-up walk only
            Assert.Equal(2, plainRelay.Count(oid)); // without the flag: the update walk reads them again
        }
    }

    [Fact]
    public void SemistaticEntriesAreReadOnTheSameWalksAsDebiansDo()
    {
        string desc = EpduState.Oid("6.1.1.3.0.1"), current = EpduState.Oid("6.4.1.3.0.1"); // outlet.1.desc (semi-static), outlet.1.current
        using var agent = SnmpdAgent.StartCustom(EpduState.SysObjectId, EpduState.Lines(), EpduState.Subtree);
        using var ourRelay = new SnmpRelay(agent.Port, desc, current);
        using var theirRelay = new SnmpRelay(agent.Port, desc, current);
        string[] x = ["pollfreq=0", "semistaticfreq=2"];
        // v1, as in DriverEpduTests: under v2c Debian's 2.8.0 guesses the outlet index base wrongly.
        var (a, aDir) = SnmpUpsProcesses.StartUnattended(Impl.Ours, [.. SnmpUpsRunner.Options(ourRelay.Address, "v1"), .. x]);
        var (b, bDir) = SnmpUpsProcesses.StartUnattended(Impl.Debian, [.. SnmpUpsRunner.Options(theirRelay.Address, "v1"), .. x]);
        const int walks = 6; // the start-up walk and five updates: with semistaticfreq=2 the pattern is YNYNNY
        using (aDir) using (bDir) using (a) using (b)
        {
            try
            {
                a.WaitUntil(() => ourRelay.Count(current) >= walks + 1 && theirRelay.Count(current) >= walks + 1, $"{walks} walks by both drivers", 25);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"walks so far: ours {Pattern(ourRelay.Seen, desc, current, 99)}, Debian {Pattern(theirRelay.Seen, desc, current, 99)}\n--- Debian\n{b.Output}", e);
            }
            string ours = Pattern(ourRelay.Seen, desc, current, walks), theirs = Pattern(theirRelay.Seen, desc, current, walks);
            output.WriteLine($"semi-static entry read per walk (Y/N): Debian {theirs}, ours {ours}");
            Assert.Equal(theirs, ours);
            Assert.Contains("N", ours, StringComparison.Ordinal); // the frequency does skip walks
        }
    }

    /// <summary>Per walk (delimited by the reads of <paramref name="every"/>), whether <paramref name="semi"/> was read in it: "YNNY...".</summary>
    static string Pattern(List<string> seen, string semi, string every, int walks)
    {
        var pattern = new System.Text.StringBuilder();
        bool read = false;
        foreach (var s in seen)
        {
            if (s == semi)
                read = true;
            else if (s == every)
            {
                pattern.Append(read ? 'Y' : 'N');
                read = false;
                if (pattern.Length == walks)
                    break;
            }
        }
        return pattern.ToString();
    }
}
