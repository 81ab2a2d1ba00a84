using Nut.Drivers.Host;
using Nut.Drivers.Snmp;
using Nut.Drivers.Snmp.Mib;
using Nut.Drivers.Snmp.Mib.Tables;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// The mappings against an in-memory agent (<see cref="FakeSnmpClient"/>). Raw values are those a device would
/// report for the values NUT published in the testdata/ddl dumps named in each test (those dumps come from NUT 2.7,
/// which printed every number with two decimals; 2.8.0 prints whole numbers bare, so values compare as numbers).
/// </summary>
public sealed class DriverMappingTests
{
    /// <summary>Runs the start-up walk and one update, as the driver does, and returns the published state.</summary>
    static (DriverState State, SnmpUpsEngine Engine) Run(MibMapping mapping, FakeSnmpClient agent)
    {
        var state = new DriverState();
        var engine = new SnmpUpsEngine(mapping, new SnmpAccess(agent, "test"), state, "test");
        engine.InitDaisychain();
        engine.Init(noTransferOids: false); // its result is the last entry's, as in NUT: not asserted on a sparse agent
        Update(state, engine);
        return (state, engine);
    }

    static bool Update(DriverState state, SnmpUpsEngine engine)
    {
        state.AlarmInit();
        state.StatusInit();
        bool ok = engine.Walk(init: false);
        state.AlarmCommit();
        state.StatusCommit();
        return ok;
    }

    static void AssertValues(DriverState state, params (string Name, string Expected)[] expected)
    {
        foreach (var (name, want) in expected)
        {
            string? got = state.GetInfo(name);
            Assert.True(got is not null, $"{name} is not published (expected {want})");
            if (double.TryParse(want, System.Globalization.CultureInfo.InvariantCulture, out double w)
                && double.TryParse(got, System.Globalization.CultureInfo.InvariantCulture, out double g))
                Assert.True(Math.Abs(w - g) < 1e-6, $"{name}: expected {want}, got {got}");
            else
                Assert.Equal(want, got);
        }
    }

    const string Ietf = ".1.3.6.1.2.1.33.1.";

    static FakeSnmpClient IetfAgent() => new FakeSnmpClient()
        .Str(".1.3.6.1.2.1.1.1.0", "Simulated UPS").Str(Ietf + "1.1.0", "SimuPower").Str(Ietf + "1.2.0", "SIM-UPS 1500")
        .Int(Ietf + "2.1.0", 2).Int(Ietf + "2.3.0", 42).Int(Ietf + "2.4.0", 100).Int(Ietf + "2.5.0", 272)
        .Int(Ietf + "3.2.0", 1).Int(Ietf + "3.3.1.3.1", 231).Int(Ietf + "4.1.0", 3).Int(Ietf + "4.4.1.3.1", 12)
        .Int(Ietf + "8.2.0", -1).Int(Ietf + "9.8.0", 2).Int(Ietf + "7.3.0", 1);

    [Fact]
    public void IetfScalesValuesAndBuildsTheStatus()
    {
        var agent = IetfAgent();
        var (state, engine) = Run(IetfMib.Ietf, agent);
        AssertValues(state, ("battery.runtime", "2520"), ("battery.voltage", "27.20"), ("output.current", "1.20"),
            ("input.voltage", "231"), ("ups.status", "OL"), ("ups.beeper.status", "enabled"), ("ups.test.result", "done and passed"),
            ("input.phases", "1"), ("ups.timer.shutdown", "-1"));
        Assert.Equal("27.20", state.GetInfo("battery.voltage")); // NUT's "%.2f" for a fraction
        Assert.Null(state.GetInfo("battery.current")); // the device does not have it: never published
        Assert.Null(state.GetInfo("input.L1-N.voltage")); // three-phase entries dropped on a one-phase UPS

        agent.Int(Ietf + "4.1.0", 5).Int(Ietf + "2.1.0", 3);
        Update(state, engine);
        Assert.Equal("LB OB", state.GetInfo("ups.status")); // table order: battery status first, as NUT
        agent.Int(Ietf + "4.1.0", 4).Int(Ietf + "2.1.0", 2);
        Update(state, engine);
        Assert.Equal("OL BYPASS", state.GetInfo("ups.status"));
    }

    [Fact]
    public void IetfCommandsAndWritesAreSnmpSets()
    {
        var agent = IetfAgent();
        var (state, engine) = Run(IetfMib.Ietf, agent);
        Assert.True(state.HasCommand("load.off"));
        Assert.True(state.HasCommand("beeper.disable"));
        Assert.False(state.HasCommand("test.battery.start")); // upsTestId is not on this agent
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: true, "beeper.mute", null));
        Assert.Equal(new SnmpVarBind(Ietf + "9.8.0", SnmpValue.Int(3)), agent.Sets[^1]);
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: true, "load.off", null));
        Assert.Equal(SnmpValue.Int(0), agent.Sets[^1].Value);
        // ups.timer.shutdown is a string entry in NUT's table: written as OCTET STRING, as NUT does.
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: false, "ups.timer.shutdown", "60"));
        Assert.Equal(SnmpValueType.OctetString, agent.Sets[^1].Value.Type);
        Assert.Equal("60", state.GetInfo("ups.timer.shutdown"));
        agent.ReadOnly.Add(Ietf + "8.2.0");
        Assert.Equal(HandlerStatus.Failed, engine.Set(command: false, "ups.timer.shutdown", "30"));
        Assert.Equal(HandlerStatus.Unknown, engine.Set(command: false, "no.such.variable", "1"));
        // Not offered (its OID is missing), but NUT still tries the SET when asked directly, and reports the failure.
        Assert.Equal(HandlerStatus.Failed, engine.Set(command: true, "test.battery.start.deep", null));
    }

    [Fact]
    public void ApccPrefersHighPrecisionAndKeepsNutQuirks()
    {
        const string A = ".1.3.6.1.4.1.318.1.1.1.";
        var agent = new FakeSnmpClient().Str(A + "1.1.1.0", "Smart-UPS 1500").Int(A + "2.1.1.0", 2)
            .Gauge(A + "3.3.1.0", 2312).Gauge(A + "3.2.1.0", 231).Int(A + "4.1.1.0", 2).Int(A + "2.2.4.0", 2)
            .Ticks(A + "5.2.10.0", 9000).Int(A + "3.2.5.0", 9).Int(A + "5.2.7.0", 4).Ticks(A + "2.2.3.0", 252000);
        var (state, engine) = Run(ApccMib.Apcc, agent);
        AssertValues(state, ("input.voltage", "231.20"), ("ups.mfr", "APC"), ("ups.status", "OL RB"),
            ("input.transfer.reason", "selfTest"), ("input.sensitivity", "high"), ("battery.runtime", "2520"));
        Assert.Equal("270", state.GetInfo("ups.delay.shutdown")); // NUT multiplies this TimeTicks entry by its length (3)
        // input.sensitivity is a string entry in NUT's table: the text itself is written, as NUT does.
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: false, "input.sensitivity", "low"));
        Assert.Equal("low", System.Text.Encoding.ASCII.GetString(agent.Sets[^1].Value.Bytes!));
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: false, "ups.delay.shutdown", "90"));
        Assert.Equal(new SnmpValue(SnmpValueType.TimeTicks, 3000), agent.Sets[^1].Value); // 90 / 3 s, as TimeTicks
    }

    [Fact]
    public void MgeFromTheEaton9pxDump()
    {
        // Eaton/Eaton__9PX__snmp-ups__2.7.4__01.dev
        const string M = ".1.3.6.1.4.1.705.1.";
        var agent = new FakeSnmpClient().Str(M + "1.1.0", "Eaton 9PX").Str(M + "1.4.0", "02.14.0034").Str(M + "12.12.0", "JI")
            .Int(M + "7.2.1.4.1", 7).Int(M + "5.1.0", 11520).Int(M + "6.1.0", 1).Int(M + "7.1.0", 1).Int(M + "7.3.0", 2)
            .Int(".1.3.6.1.2.1.33.1.9.8.0", 2).Int(".1.3.6.1.2.1.33.1.7.3.0", 4).Int(".1.3.6.1.2.1.33.1.8.5.0", 1);
        var (state, _) = Run(MgeMib.Mge, agent);
        AssertValues(state, ("ups.mfr", "Eaton"), ("ups.model", "Eaton 9PX"), ("ups.firmware", "02.14.0034"), ("ups.firmware.aux", "JI"),
            ("ups.load", "7.00"), ("battery.runtime", "11520.00"), ("ups.status", "OL"), ("ups.beeper.status", "enabled"),
            ("ups.test.result", "aborted"), ("ups.start.auto", "yes"), ("ups.delay.shutdown", "20"), ("ups.delay.start", "30"),
            ("input.phases", "1.00"), ("output.phases", "1.00"));
    }

    [Fact]
    public void PowerwareFromTheEaton5pxDump()
    {
        // Eaton/Eaton__5PX__snmp-ups__2.7.4__02.dev (pw); the same table serves pxgx_ups under another sysOID.
        const string P = ".1.3.6.1.4.1.534.1.";
        var agent = new FakeSnmpClient().Str(P + "1.2.0", "Eaton 5PX 1500").Int(P + "2.4.0", 100).Int(P + "2.1.0", 898)
            .Int(P + "4.1.0", 30).Int(P + "4.2.0", 500).Int(P + "2.2.0", 52).Int(P + "4.5.0", 3).Int(P + "7.1.0", 0);
        var (state, _) = Run(PowerwareMib.Pw, agent);
        AssertValues(state, ("ups.model", "Eaton 5PX 1500"), ("battery.charge", "100.00"), ("battery.runtime", "898.00"),
            ("ups.load", "30.00"), ("output.frequency", "50.00"), ("battery.voltage", "52.00"), ("ups.status", "OL"));
        Assert.Same(PowerwareMib.Pw.Entries, PowerwareMib.PxgxUps.Entries);
    }

    [Fact]
    public void CyberPowerFromThePr2200Dump()
    {
        // Cyber_Power_Systems/Cyber_Power_Systems__PR2200LCDRT2U__snmp-ups__2.7.2__01.dev (its runtime is the agent's bug).
        const string C = ".1.3.6.1.4.1.3808.1.1.1.";
        var agent = new FakeSnmpClient().Str(C + "1.1.1.0", "PR2200LCDRT2U").Str(C + "1.2.1.0", "4.500")
            .Int(C + "2.2.4.0", 133200).Int(C + "4.1.1.0", 2).Int(C + "2.1.1.0", 2);
        var (state, _) = Run(CyberPowerMib.Cyberpower, agent);
        AssertValues(state, ("ups.model", "PR2200LCDRT2U"), ("ups.firmware", "4.500"), ("battery.runtime", "133200.00"),
            ("ups.status", "OL"), ("ups.mfr", "CYBERPOWER"));
    }

    [Fact]
    public void NetvisionPublishesThreePhaseVariables()
    {
        // NetVision/NetVision__U4BC02CB00NY100__snmp-ups__2.7.4__01.dev: a three-phase UPS.
        const string N = ".1.3.6.1.4.1.4555.1.1.1.1.";
        var agent = new FakeSnmpClient().Str(N + "1.1.0", "U4BC02CB00NY100").Int(N + "2.4.0", 100).Int(N + "2.5.0", 3399)
            .Int(N + "3.1.0", 3).Int(N + "3.3.1.5.1", 2310).Int(N + "3.3.1.5.2", 2300).Int(N + "3.3.1.5.3", 2310)
            .Int(N + "5.2.0", 3).Int(N + "5.3.1.2.1", 2360).Int(N + "4.2.0", 500);
        var (state, _) = Run(NetvisionMib.Netvision, agent);
        AssertValues(state, ("battery.charge", "100.00"), ("battery.voltage", "339.90"), ("input.phases", "3.00"),
            ("input.L1-N.voltage", "231.00"), ("input.L2-N.voltage", "230.00"), ("input.L3-N.voltage", "231.00"),
            ("input.bypass.phases", "3.00"), ("input.bypass.L1-N.voltage", "236.00"), ("output.frequency", "50.00"));
        Assert.Null(state.GetInfo("input.voltage")); // the single-phase entry is dropped on a three-phase UPS
    }

    [Fact]
    public void EatonEpduExpandsOutletsAndSwitchesThem()
    {
        // Eaton/Eaton__ePDU_MA_1P__snmp-ups__2.7.4__01.dev, unit index 1, two outlets.
        const string E = ".1.3.6.1.4.1.534.6.6.7.";
        var agent = new FakeSnmpClient().Str(E + "1.2.1.2.1", "Eaton ePDU MA 1P IN:IEC309 32A OUT:20xC13, 4xC19")
            .Int(E + "1.2.1.22.1", 2).Int(E + "3.2.1.3.1.1.1", 239580).Int(E + "3.3.1.4.1.1.1", 19630)
            .Int(E + "6.4.1.3.1.1", 180).Int(E + "6.4.1.3.1.2", 7510).Int(E + "6.6.1.2.1.1", 1).Int(E + "6.6.1.2.1.2", 0)
            .Str(E + "6.1.1.3.1.1", "Outlet 1").Str(E + "6.1.1.3.1.2", "PDU18 Rack04").Int(E + "6.6.1.3.1.1", 0).Int(E + "6.6.1.4.1.1", 0);
        var (state, engine) = Run(EatonEpduMib.EatonEpdu, agent);
        AssertValues(state, ("device.mfr", "EATON"), ("device.type", "pdu"), ("outlet.count", "2"),
            ("device.model", "Eaton ePDU MA 1P IN:IEC309 32A OUT:20xC13, 4xC19"),
            ("input.voltage", "239.58"), ("input.L1.voltage", "239.58"), ("input.current", "19.63"),
            ("outlet.1.current", "0.18"), ("outlet.2.current", "7.51"), ("outlet.1.status", "on"), ("outlet.2.status", "off"),
            ("outlet.1.desc", "Outlet 1"), ("outlet.2.desc", "PDU18 Rack04"));
        Assert.True(state.HasCommand("outlet.1.load.off"));
        Assert.Equal(HandlerStatus.Handled, engine.Set(command: true, "outlet.1.load.off", null));
        Assert.Equal(E + "6.6.1.3.1.1", agent.Sets[^1].Oid);
        Assert.Equal(HandlerStatus.Invalid, engine.Set(command: true, "outlet.9.load.off", null)); // beyond outlet.count
    }

    [Fact]
    public void AnAgentThatStopsAnsweringMakesTheWalkFailAndRecovers()
    {
        var agent = IetfAgent();
        var (state, engine) = Run(IetfMib.Ietf, agent);
        agent.TimesOut = true;
        int before = agent.Requests;
        Assert.False(Update(state, engine));
        Assert.Equal(before + 1, agent.Requests); // stops at the first unanswered request
        agent.TimesOut = false;
        agent.Int(Ietf + "4.1.0", 5);
        Update(state, engine);
        Assert.Equal("OB", state.GetInfo("ups.status"));
    }

    [Fact]
    public void DetectionUsesSysObjectIdThenProbesModelOids()
    {
        var ietf = IetfAgent().With(SnmpMibDetector.SysObjectIdOid, SnmpValue.Oid(".1.3.6.1.2.1.33"));
        Assert.Equal("ietf", SnmpMibDetector.Detect(new SnmpAccess(ietf, "t"), "auto", "t", "h").Mapping.Name);
        var apc = new FakeSnmpClient().With(SnmpMibDetector.SysObjectIdOid, SnmpValue.Oid(".1.3.6.1.4.1.318.1.3.27"))
            .Str(".1.3.6.1.4.1.318.1.1.1.1.1.1.0", "Smart-UPS 1500");
        var found = SnmpMibDetector.Detect(new SnmpAccess(apc, "t"), "auto", "t", "h");
        Assert.Equal(("apcc", "Smart-UPS 1500"), (found.Mapping.Name, found.Model));
        var e = Assert.Throws<DriverFatalException>(() => SnmpMibDetector.Detect(new SnmpAccess(apc, "t"), "mge", "t", "h"));
        Assert.Equal("Requested 'mibs' value 'mge' did not match this device [t] (host h)", e.Message);
        e = Assert.Throws<DriverFatalException>(() => SnmpMibDetector.Detect(new SnmpAccess(apc, "t"), "nonsense", "t", "h"));
        Assert.Equal("Unknown 'mibs' value: nonsense", e.Message);
    }

    [Fact]
    public void OptionsAreCheckedWithNutsMessages()
    {
        SnmpUpsOptions Parse(params (string K, string V)[] kv) =>
            SnmpUpsOptions.Parse("127.0.0.1:161", k => kv.FirstOrDefault(p => p.K == k).V, _ => false);
        Assert.Equal("Bad SNMP version: v4", Assert.Throws<DriverFatalException>(() => Parse(("snmp_version", "v4"))).Message);
        Assert.Equal("securityName is required for SNMPv3", Assert.Throws<DriverFatalException>(() => Parse(("snmp_version", "v3"))).Message);
        Assert.Equal("authPassword is required for SNMPv3 in authNoPriv mode",
            Assert.Throws<DriverFatalException>(() => Parse(("snmp_version", "v3"), ("secName", "u"), ("secLevel", "authNoPriv"))).Message);
        Assert.Equal("Bad SNMPv3 privProtocol: BLOWFISH",
            Assert.Throws<DriverFatalException>(() => Parse(("snmp_version", "v3"), ("secName", "u"), ("privProtocol", "BLOWFISH"))).Message);
        var o = Parse(("snmp_version", "v2c"), ("community", "private"), ("snmp_timeout", "3"), ("snmp_retries", "2"), ("pollfreq", "5"));
        Assert.Equal((SnmpVersion.V2c, "private", TimeSpan.FromSeconds(3), 2, 5, "auto"),
            (o.Snmp.Version, o.Snmp.Community, o.Snmp.Timeout, o.Snmp.Retries, o.PollFreq, o.Mibs));
    }
}
