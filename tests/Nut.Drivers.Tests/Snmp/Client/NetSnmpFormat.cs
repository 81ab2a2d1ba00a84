using System.Globalization;
using System.Text;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Client;

/// <summary>Prints a varbind as net-snmp's tools do with <c>-On</c> and no MIBs loaded, so our walk can be compared
/// line by line with the real snmpwalk's output.</summary>
static class NetSnmpFormat
{
    public static string Line(SnmpVarBind vb) => $"{vb.Oid} = {Value(vb.Value)}";

    static string Value(SnmpValue v) => v.Type switch
    {
        SnmpValueType.Integer => $"INTEGER: {v.Number}",
        SnmpValueType.OctetString => $"STRING: \"{Encoding.UTF8.GetString(v.Bytes!)}\"",
        SnmpValueType.ObjectId => $"OID: {v.Text}",
        SnmpValueType.IpAddress => $"IpAddress: {string.Join('.', v.Bytes!)}",
        SnmpValueType.Counter32 => $"Counter32: {v.Number}",
        SnmpValueType.Gauge32 => $"Gauge32: {v.Number}",
        SnmpValueType.TimeTicks => $"Timeticks: ({v.Number}) {Ticks(v.Number)}",
        SnmpValueType.Counter64 => $"Counter64: {unchecked((ulong)v.Number)}",
        _ => v.Type.ToString(),
    };

    /// <summary>"0:42:00.00", "1 day, 2:03:04.05", "3 days, ...".</summary>
    static string Ticks(long t)
    {
        long cs = t % 100, s = t / 100 % 60, m = t / 6000 % 60, h = t / 360000 % 24, d = t / 8640000;
        string time = string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}.{cs:00}");
        return d == 0 ? time : $"{d} day{(d == 1 ? "" : "s")}, {time}";
    }
}
