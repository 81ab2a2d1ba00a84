using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>
/// Runs a bash script in a network namespace of its own (unshare -n, loopback up). NUT's nut-scanner can only ask
/// SNMP agents on port 161 and names NUT servers on 3493 without their port, so the differential tests give both
/// scanners those well-known ports on a loopback nobody else shares. Needs root (the test machine runs as root);
/// fails, never skips, when it cannot.
/// </summary>
public static class PrivateNetwork
{
    /// <summary>Shell functions for scripts: wait_udp PORT / wait_tcp PORT poll /proc/net until 127.0.0.1:PORT is bound.</summary>
    const string Prelude = """
        set -u
        ip link set lo up
        wait_udp() { local n=$(printf '0100007F:%04X' "$1"); for i in $(seq 200); do grep -q "$n" /proc/net/udp && return 0; sleep 0.05; done; echo "nothing on udp $1" >&2; return 1; }
        wait_tcp() { local n=$(printf '0100007F:%04X 00000000:0000 0A' "$1"); for i in $(seq 200); do grep -q "$n" /proc/net/tcp && return 0; sleep 0.05; done; echo "nothing on tcp $1" >&2; return 1; }

        """;

    public static ProcResult Run(string script, IDictionary<string, string>? env = null) =>
        Proc.Run("unshare", ["-n", "bash", "-c", Prelude + script], env, TimeSpan.FromSeconds(90));

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
