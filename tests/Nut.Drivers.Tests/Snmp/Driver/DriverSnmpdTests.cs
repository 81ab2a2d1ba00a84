using Nut.Testing;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>Two Debian snmpd simulators (testdata/snmp), one per flavour, shared by the snmp-ups tests.</summary>
public sealed class SnmpdPairFixture : IDisposable
{
    readonly Lazy<SnmpdAgent> _ietf = new(() => SnmpdAgent.Start("ietf"));
    readonly Lazy<SnmpdAgent> _apc = new(() => SnmpdAgent.Start("apc"));

    public SnmpdAgent Get(string mib) => mib == "ietf" ? _ietf.Value : _apc.Value;

    public void Dispose()
    {
        if (_ietf.IsValueCreated) _ietf.Value.Dispose();
        if (_apc.IsValueCreated) _apc.Value.Dispose();
    }
}

/// <summary>
/// Our snmp-ups (the real executable) against Debian's snmpd serving the simulated UPS, in v1, v2c and v3: what it
/// publishes for the IETF and APC mappings, how it follows power events, and commands/writes through SET.
/// </summary>
public sealed class DriverSnmpdTests(SnmpdPairFixture agents) : IClassFixture<SnmpdPairFixture>
{
    static readonly Dictionary<string, (string, string)[]> Expected = new()
    {
        ["ietf"] =
        [
            ("driver.version.data", "ietf MIB 1.54"), ("ups.mfr", "SimuPower"), ("ups.model", "SIM-UPS 1500"), ("ups.status", "OL"),
            ("battery.charge", "100"), ("battery.runtime", "2520"), ("battery.voltage", "27.20"), ("output.current", "1.20"),
            ("input.voltage", "231"), ("input.frequency", "50"), ("ups.load", "23"), ("ups.beeper.status", "enabled"),
            ("device.description", "Simulated UPS for driver tests"), ("device.location", "lab"), ("ups.timer.shutdown", "-1"),
        ],
        ["apc"] =
        [
            ("driver.version.data", "apcc MIB 1.6"), ("ups.mfr", "APC"), ("ups.model", "Smart-UPS 1500"), ("ups.serial", "AS1911123456"),
            ("ups.status", "OL"), ("battery.charge", "100"), ("battery.runtime", "2520"), ("input.voltage", "231.20"),
            ("ups.load", "23.40"), ("ups.temperature", "29.40"), ("input.transfer.reason", "selfTest"), ("ups.test.result", "Ok"),
        ],
    };

    public static TheoryData<string, string> Modes() => new()
    {
        { "ietf", "v1" }, { "ietf", "v2c" }, { "ietf", SnmpdAgent.ShaAesUser.Name },
        { "apc", "v1" }, { "apc", "v2c" }, { "apc", SnmpdAgent.Md5DesUser.Name },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void PublishesTheSimulatorsVariables(string mib, string mode)
    {
        var agent = agents.Get(mib);
        var (values, raw) = SnmpUpsRunner.Dump(Impl.Ours, SnmpUpsRunner.Options(agent.Address, mode));
        Assert.True(raw.ExitCode == 0, raw.ToString());
        foreach (var (name, want) in Expected[mib])
            Assert.True(values.TryGetValue(name, out var got) && got == want, $"{name}: expected '{want}', got '{got}'\n{raw}");
        Assert.Contains($"Detected {(mib == "ietf" ? "SIM-UPS 1500" : "Smart-UPS 1500")} on host {agent.Address} (mib: ", raw.Stderr);
    }

    [Fact]
    public void FollowsPowerEventsAndRunsCommandsThroughSet()
    {
        var agent = agents.Get("ietf");
        const string source = ".1.3.6.1.2.1.33.1.4.1.0", battery = ".1.3.6.1.2.1.33.1.2.1.0", beeper = ".1.3.6.1.2.1.33.1.9.8.0";
        try
        {
            // pollfreq=30: the full walk runs once; the power events must come through the status poll in between.
            using var driver = SnmpUpsRunner.Start([.. SnmpUpsRunner.Options(agent.Address, "v2c", SnmpdAgent.WriteCommunity), "pollfreq=30"]);
            driver.Send("DUMPALL");
            driver.WaitForValue("ups.status", "OL");
            agent.SetValue(source, "integer", "5");
            driver.WaitForValue("ups.status", "OB");
            agent.SetValue(battery, "integer", "3");
            driver.WaitForValue("ups.status", "LB OB"); // NUT sets the tokens in table order: battery status first
            agent.SetValue(source, "integer", "3");
            agent.SetValue(battery, "integer", "2");
            driver.WaitForValue("ups.status", "OL");

            Assert.Equal('0', Command(driver, "beeper.disable", "t1"));
            Assert.Equal("1", agent.GetValue(beeper));
            Assert.Equal('0', Command(driver, "beeper.enable", "t2"));
            Assert.Equal("2", agent.GetValue(beeper));
            Assert.Equal('1', Command(driver, "no.such.command", "t3")); // unknown
        }
        finally
        {
            agent.SetValue(source, "integer", "3");
            agent.SetValue(battery, "integer", "2");
            agent.SetValue(beeper, "integer", "2");
        }
    }

    /// <summary>
    /// Runs an INSTCMD and returns the first digit of its TRACKING status. The simulator's pass_persist handler now and
    /// then refuses a SET that follows another closely (notWritable while it rewrites its file): a refusal (3) is
    /// retried once a second later, so the test checks the driver, not that race.
    /// </summary>
    static char Command(RunningDriver driver, string command, string id)
    {
        for (int attempt = 0; ; attempt++)
        {
            string tag = attempt == 0 ? id : id + "r" + attempt;
            int at = driver.Received.Length;
            driver.Send($"INSTCMD {command} TRACKING {tag}");
            int end = driver.WaitFor($"TRACKING {tag} ", at);
            driver.WaitFor("\n", end);
            char status = driver.Received[end];
            if (status != '3' || attempt == 2)
                return status;
            Thread.Sleep(1000);
        }
    }

    [Fact]
    public void WritesApcDelaysWithNutsTypeAndMultiplier()
    {
        var agent = agents.Get("apc");
        const string returnDelay = ".1.3.6.1.4.1.318.1.1.1.5.2.9.0";
        try
        {
            using var driver = SnmpUpsRunner.Start(SnmpUpsRunner.Options(agent.Address, SnmpdAgent.Md5DesUser.Name));
            driver.Send("DUMPALL");
            driver.WaitForValue("ups.status", "OL");
            int at = driver.Received.Length;
            driver.Send("SET ups.delay.start 90 TRACKING w1");
            driver.WaitFor("TRACKING w1 0", at);
            // NUT's apcc table gives this TimeTicks entry a "length" of 3, used as the multiplier: 90 / 3 s = 3000 ticks.
            Assert.Equal("3000", agent.GetValue(returnDelay));
            driver.Send("SET ups.delay.start notanumber TRACKING w2");
            driver.WaitFor("TRACKING w2 2", at); // invalid
        }
        finally
        {
            agent.SetValue(returnDelay, "timeticks", "0");
        }
    }
}
