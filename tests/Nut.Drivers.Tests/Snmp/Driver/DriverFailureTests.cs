using System.Net;
using System.Net.Sockets;
using Nut.Testing;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// An agent that answers garbage, stops answering, or disappears and comes back: the driver reports the data stale
/// and recovers when the agent answers again. A UDP relay in front of Debian's snmpd plays the bad agent.
/// </summary>
public sealed class DriverFailureTests
{
    /// <summary>Relays datagrams to the agent, or answers garbage, or drops them, as the test says.</summary>
    sealed class Relay : IDisposable
    {
        public enum Mode { Forward, Garbage, Drop }

        readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
        readonly IPEndPoint _agent;
        readonly Thread _thread;
        volatile bool _stop;

        public Relay(int agentPort)
        {
            _agent = new IPEndPoint(IPAddress.Loopback, agentPort);
            _front.Client.ReceiveTimeout = 200;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public volatile Mode Current = Mode.Forward;
        public int Port => ((IPEndPoint)_front.Client.LocalEndPoint!).Port;

        void Run()
        {
            using var back = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            back.Client.ReceiveTimeout = 3000;
            while (!_stop)
            {
                IPEndPoint? from = null;
                byte[] request;
                try { request = _front.Receive(ref from); }
                catch (SocketException) { continue; }
                switch (Current)
                {
                    case Mode.Drop:
                        break;
                    case Mode.Garbage:
                        _front.Send([0x30, 0x03, 0x02, 0x01, 0xff, 0x00, 0x13, 0x37], 8, from);
                        _front.Send("not SNMP at all"u8.ToArray(), 15, from);
                        break;
                    default:
                        back.Send(request, request.Length, _agent);
                        try
                        {
                            IPEndPoint? any = null;
                            var answer = back.Receive(ref any);
                            _front.Send(answer, answer.Length, from);
                        }
                        catch (SocketException) { }
                        break;
                }
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _front.Dispose();
        }
    }

    [Fact]
    public void GarbageAndSilenceMakeTheDataStaleUntilTheAgentAnswersAgain()
    {
        using var agent = SnmpdAgent.Start("ietf");
        using var relay = new Relay(agent.Port);
        using var driver = SnmpUpsRunner.Start([.. SnmpUpsRunner.Options($"127.0.0.1:{relay.Port}", "v2c"), "snmp_timeout=1", "snmp_retries=0", "pollfreq=3"]);
        driver.Send("DUMPALL");
        driver.WaitForValue("ups.status", "OL");

        int at = driver.Received.Length;
        relay.Current = Relay.Mode.Garbage;
        at = driver.WaitFor("DATASTALE", at);
        relay.Current = Relay.Mode.Forward;
        agent.SetValue(".1.3.6.1.2.1.33.1.4.1.0", "integer", "5");
        at = driver.WaitFor("DATAOK", at);
        driver.WaitForValue("ups.status", "OB");

        at = driver.Received.Length;
        relay.Current = Relay.Mode.Drop;
        at = driver.WaitFor("DATASTALE", at);
        relay.Current = Relay.Mode.Forward;
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
