namespace Nut.Tools.Tests.Check;

/// <summary>MONITOR lines against this machine's ups.conf and upsd.users.</summary>
public class MonitorCheckTests
{
    static string Upsmon(string monitors) => "RUN_AS_USER nobody\nSHUTDOWNCMD /bin/true\n" + monitors;

    [Fact]
    public void EachMismatchIsNamedOnItsMonitorLine()
    {
        using var d = new CheckDir();
        d.Write("upsd.users", """
            [mon]
            	password = secret
            	upsmon primary
            [viewer]
            	password = pw
            	actions = SET
            [second]
            	password = pw
            	upsmon secondary

            """, "640");
        d.Write("upsmon.conf", Upsmon("""
            MONITOR nosuch@localhost 1 mon secret primary
            MONITOR sim@127.0.0.1:3493 1 ghost secret primary
            MONITOR sim@[::1] 1 mon wrong primary
            MONITOR sim@[::1]:3493 1 viewer pw secondary
            MONITOR sim 1 second pw primary
            MONITOR sim@server.example 1 ghost x primary

            """), "640");
        d.Delete("upssched.conf");
        var found = d.Check();
        string f = d["upsmon.conf"];
        string users = d["upsd.users"];
        Assert.Contains($"{f}:3: error: MONITOR nosuch@localhost: UPS nosuch is not defined in {d["ups.conf"]} (upsd answers UNKNOWN-UPS); add a [nosuch] section there or fix the name (defined: sim)", found);
        Assert.Contains($"{f}:4: error: MONITOR sim@127.0.0.1:3493: user ghost is not in {users} (upsd refuses the login); add [ghost] with password = secret and upsmon primary", found);
        Assert.Contains($"{f}:5: error: MONITOR sim@[::1]: the password for mon differs from the one in {users}:1 (upsd answers ERR ACCESS-DENIED); use the same password in both files", found);
        Assert.Contains($"{f}:6: error: MONITOR sim@[::1]:3493 is secondary, but viewer in {users}:4 may not log in (upsd refuses LOGIN); add \"upsmon secondary\" to [viewer]", found);
        Assert.Contains($"{f}:7: error: MONITOR sim is primary, but second in {users}:7 lacks the primary role (upsd refuses LOGIN or PRIMARY, so upsmon cannot set FSD); add \"upsmon primary\" to [second]", found);
        // Another machine's server: its users are not in this directory.
        Assert.DoesNotContain(found, x => x.StartsWith($"{f}:8:", StringComparison.Ordinal));
        Assert.Equal(5, found.Count(x => x.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void ThisHostsOwnNameIsLocal()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", Upsmon($"MONITOR other@{System.Net.Dns.GetHostName()} 1 mon secret primary\n"), "640");
        d.Delete("upssched.conf");
        CheckAssert.One(d.Check(), $"{d["upsmon.conf"]}:3: error: MONITOR other@{System.Net.Dns.GetHostName()}: UPS other is not defined");
    }
}
