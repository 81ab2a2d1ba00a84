using System.Text;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Scanner;

/// <summary>
/// -S: one SNMP GET of sysObjectID per address (no retries, the -t time-out). An agent that answers is matched as
/// NUT 2.8.0 matches it: every mapping of <see cref="SnmpScanTable"/> whose sysOID equals the answer is confirmed by
/// GETting its probe OID (a mapping without probe is taken as is); when none is, every mapping's probe OID is tried
/// and each one that answers gives a section. The probe's value is the section's <c>desc</c>.
/// </summary>
public sealed class SnmpScanner(SnmpScanSecurity security, TimeSpan timeout, int port, Func<SnmpSettings, ISnmpClient> connect,
    Action<string> error)
{
    public const int DefaultPort = 161;
    const string SysObjectId = ".1.3.6.1.2.1.1.2.0";

    public IReadOnlyList<ScannedDevice> Probe(string address)
    {
        // What NUT prints as "port" is net-snmp's peer name: the address; ours adds a non-default --snmp_port.
        string peer = port == DefaultPort ? address : (address.Contains(':') ? $"[{address}]:{port}" : $"{address}:{port}");
        var settings = security.Settings(peer, timeout, out string? problem);
        if (settings is null)
        {
            error(problem!);
            return [];
        }
        using var client = connect(settings);
        // Any answer counts, even an error or a missing sysObjectID: NUT then falls back to the probe OIDs.
        if (!TryGet(client, SysObjectId, out var sysOid))
            return [];
        var found = new List<ScannedDevice>();
        bool matched = false;
        if (sysOid is { Type: SnmpValueType.ObjectId, Text: { } answered })
        {
            foreach (var (probe, mib, known) in SnmpScanTable.Mibs)
            {
                if (known is null || !SameOid(known, answered))
                    continue;
                if (probe is null)
                {
                    found.Add(Device(peer, null, mib));
                    matched = true;
                }
                else if (Get(client, probe) is { } value)
                {
                    found.Add(Device(peer, value, mib));
                    matched = true;
                }
            }
        }
        if (!matched)
            foreach (var (probe, mib, _) in SnmpScanTable.Mibs)
                if (probe is not null && Get(client, probe) is { } value)
                    found.Add(Device(peer, value, mib));
        return found;
    }

    ScannedDevice Device(string peer, SnmpValue? desc, string mib)
    {
        var options = new List<(string, string?)>();
        if (desc is not null)
            options.Add(("desc", Describe(desc)));
        options.Add(("mibs", mib));
        options.AddRange(security.SectionOptions());
        return ScannedDevice.Of(ScanBus.SNMP, "snmp-ups", peer, [.. options]);
    }

    /// <summary>A string value up to its first NUL (NUT prints it with %s); other types as their number or OID text
    /// (NUT copies their raw bytes, which is not printable).</summary>
    static string Describe(SnmpValue v)
    {
        if (v.Bytes is { } bytes)
        {
            int nul = Array.IndexOf(bytes, (byte)0);
            return Encoding.Latin1.GetString(bytes, 0, nul < 0 ? bytes.Length : nul);
        }
        return v.Text ?? v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The value of one OID, or null when the agent did not answer, answered an error or an exception,
    /// or answered for another OID.</summary>
    static SnmpValue? Get(ISnmpClient client, string oid) => TryGet(client, oid, out var value) ? value : null;

    /// <summary>False when the agent did not answer at all; true with a null value when it answered without one.</summary>
    static bool TryGet(ISnmpClient client, string oid, out SnmpValue? value)
    {
        value = null;
        try
        {
            var answer = client.Get([oid]);
            if (answer.Count == 1 && !answer[0].Value.IsException && answer[0].Value.Type != SnmpValueType.Null && SameOid(answer[0].Oid, oid))
                value = answer[0].Value;
            return true;
        }
        catch (SnmpErrorException)
        {
            return true;
        }
        catch (Exception e) when (e is SnmpTimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            return false;
        }
    }

    static bool SameOid(string a, string b) => a.TrimStart('.') == b.TrimStart('.');
}
