using Nut.Testing;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// An agent that answers garbage, stops answering, or disappears and comes back: the driver reports the data stale
/// and recovers when the agent answers again. A UDP relay in front of Debian's snmpd plays the bad agent.
/// </summary>
public sealed class DriverFailureTests
{
    [Fact]
    public void GarbageAndSilenceMakeTheDataStaleUntilTheAgentAnswersAgain()
    {
        using var agent = SnmpdAgent.Start("ietf");
        using var relay = new SnmpRelay(agent.Port);
        using var driver = SnmpUpsRunner.Start([.. SnmpUpsRunner.Options($"127.0.0.1:{relay.Port}", "v2c"), "snmp_timeout=1", "snmp_retries=0", "pollfreq=3"]);
        driver.Send("DUMPALL");
        driver.WaitForValue("ups.status", "OL");

        int at = driver.Received.Length;
        relay.Mode = SnmpRelay.RelayMode.Garbage;
        at = driver.WaitFor("DATASTALE", at);
        relay.Mode = SnmpRelay.RelayMode.Forward;
        agent.SetValue(".1.3.6.1.2.1.33.1.4.1.0", "integer", "5");
        at = driver.WaitFor("DATAOK", at);
        driver.WaitForValue("ups.status", "OB");

        at = driver.Received.Length;
        relay.Mode = SnmpRelay.RelayMode.Drop;
        at = driver.WaitFor("DATASTALE", at);
        relay.Mode = SnmpRelay.RelayMode.Forward;
        driver.WaitFor("DATAOK", at);
        Assert.False(driver.Daemon.HasExited, driver.Daemon.Output);
    }

    [Fact]
    public void AnAgentKilledAndRestartedOnTheSamePortIsFollowedAgain()
    {
        using var agent = SnmpdAgent.Start("ietf");
        using var driver = SnmpUpsRunner.Start([.. SnmpUpsRunner.Options(agent.Address, "v1"), "snmp_timeout=1", "snmp_retries=0"]);
        driver.Send("DUMPALL");
        driver.WaitForValue("ups.status", "OL");
        // Kill snmpd outright (by its PID file), then start it again with its own configuration: same port, same data.
        string dir = Path.GetDirectoryName(agent.StatePath)!;
        int pid = int.Parse(File.ReadAllText(Path.Combine(dir, "snmpd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        int at = driver.Received.Length;
        Posix.Kill(pid, Posix.SIGKILL);
        at = driver.WaitFor("DATASTALE", at);
        agent.SetValue(".1.3.6.1.2.1.33.1.2.1.0", "integer", "3");
        var env = new Dictionary<string, string> { ["UPS_STATE"] = agent.StatePath, ["SNMP_PERSISTENT_DIR"] = Path.Combine(dir, "persist") };
        using var again = Proc.Start("/usr/sbin/snmpd",
            ["-f", "-C", "-m", "", "-I", "-smux", "-c", Path.Combine(dir, "snmpd.conf"), "-Lf", Path.Combine(dir, "snmpd2.log"), "-p", Path.Combine(dir, "snmpd2.pid")], env);
        driver.WaitFor("DATAOK", at);
        driver.WaitForValue("ups.status", "LB OL"); // table order, as NUT
    }
}
