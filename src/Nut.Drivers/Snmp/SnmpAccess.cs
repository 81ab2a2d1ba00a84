using System.Globalization;
using System.Text;
using Nut.Drivers.Snmp.Mib;
using Nut.Platform;

namespace Nut.Drivers.Snmp;

/// <summary>
/// snmp-ups' view of the agent (NUT's nut_snmp_get_str / _int / _oid / set): one OID at a time, every failure folded
/// into "false" except a time-out, which is thrown so a poll can stop at the first unanswered request instead of
/// waiting out every remaining OID (see docs/snmp.md, differences).
/// </summary>
public sealed class SnmpAccess(ISnmpClient client, string upsName)
{
    /// <summary>Error answers in a row before the log is throttled, and the rate after that (NUT: 10 and 100).</summary>
    const int ErrLimit = 10, ErrRate = 100;

    int _errors;

    public ISnmpClient Client => client;

    /// <summary>The value of one OID, or null when the agent has no such object or answered with an error.</summary>
    /// <exception cref="SnmpTimeoutException">The agent did not answer.</exception>
    public SnmpValue? Get(string oid)
    {
        SnmpVarBind vb;
        try
        {
            var r = client.Get([oid]);
            if (r.Count == 0)
                return Failed(oid, "empty answer");
            vb = r[0];
        }
        catch (SnmpErrorException e)
        {
            return Failed(oid, e.Message);
        }
        catch (ArgumentException e)
        {
            return Failed(oid, e.Message); // an OID the client cannot encode: a mapping error, never a crash
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // e.g. "connection refused" from an agent that went away: as good as no answer.
            throw new SnmpTimeoutException(e.Message);
        }
        if (vb.Value.IsException)
            return client.Settings.Version == SnmpVersion.V1 ? Failed(oid, "noSuchName") : null;
        _errors = 0;
        return vb.Value;
    }

    SnmpValue? Failed(string oid, string why)
    {
        _errors++;
        if (_errors == ErrLimit || _errors % ErrRate == 0)
            NutLog.Warning($"[{upsName}] Warning: excessive poll failures, limiting error reporting (OID = {oid})");
        if (_errors < ErrLimit || _errors % ErrRate == 0)
            NutLog.Debug(2, $"[{upsName}] nut_snmp_get: {oid}: {why}");
        return null;
    }

    /// <summary>A value as text (decode_str): strings as they are (hex when not printable), numbers through the lookup.</summary>
    public bool TryGetString(string oid, MibLookup? lookup, TemperatureContext temperature, out string text)
    {
        text = "";
        var v = Get(oid);
        if (v is null)
            return false;
        switch (v.Type)
        {
            case SnmpValueType.OctetString or SnmpValueType.Opaque:
                text = DecodeOctets(v.Bytes ?? []);
                return true;
            case SnmpValueType.Integer or SnmpValueType.Counter32 or SnmpValueType.Gauge32:
                if (lookup is null)
                {
                    text = v.Number.ToString(CultureInfo.InvariantCulture);
                    return true;
                }
                if (lookup.TextOf(v.Number, temperature) is not { } t)
                    return false;
                text = t;
                return true;
            case SnmpValueType.TimeTicks:
                text = (v.Number / 100).ToString(CultureInfo.InvariantCulture);
                return true;
            case SnmpValueType.ObjectId:
                // The value names another object: its value when the agent has it, else the OID's last number.
                string target = v.Text ?? "";
                if (target.Length > 0 && target != oid && TryGetString(target, lookup, temperature, out text))
                    return true;
                text = target[(target.LastIndexOf('.') + 1)..];
                return true;
            default:
                return false;
        }
    }

    /// <summary>A value as a number (nut_snmp_get_int): strings parse as C's strtol(base 0), TimeTicks become seconds.</summary>
    public bool TryGetInt(string oid, out long value)
    {
        value = 0;
        var v = Get(oid);
        if (v is null)
            return false;
        switch (v.Type)
        {
            case SnmpValueType.OctetString or SnmpValueType.Opaque:
                value = CStrtol(Encoding.Latin1.GetString(v.Bytes ?? []));
                return true;
            case SnmpValueType.Integer or SnmpValueType.Counter32 or SnmpValueType.Gauge32 or SnmpValueType.Counter64:
                value = v.Number;
                return true;
            case SnmpValueType.TimeTicks:
                value = v.Number / 100;
                return true;
            case SnmpValueType.ObjectId:
                string target = v.Text ?? "";
                if (target.Length > 0 && target != oid && TryGetInt(target, out value))
                    return true;
                value = CStrtol(target[(target.LastIndexOf('.') + 1)..]);
                return true;
            default:
                NutLog.Error($"[{upsName}] unhandled ASN 0x{TypeCode(v.Type):x} received from {oid}");
                return false;
        }
    }

    /// <summary>An OBJECT IDENTIFIER value as dotted text (nut_snmp_get_oid).</summary>
    public bool TryGetOid(string oid, out string text)
    {
        text = "";
        var v = Get(oid);
        if (v is not { Type: SnmpValueType.ObjectId })
            return false;
        text = v.Text ?? "";
        return true;
    }

    /// <summary>True when the object exists (NUT's "nut_snmp_get(oid) != NULL").</summary>
    public bool Exists(string oid) => Get(oid) is not null;

    /// <summary>One SET (type 's' string, 'i' integer, 't' TimeTicks); false when the agent refused or did not answer.</summary>
    public bool Set(string oid, char type, string value)
    {
        SnmpValue v;
        switch (type)
        {
            case 's':
                v = SnmpValue.String(value);
                break;
            default:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                {
                    NutLog.Error($"[{upsName}] nut_snmp_set: {oid}: bad value '{value}'");
                    return false;
                }
                v = type == 't' ? new SnmpValue(SnmpValueType.TimeTicks, n) : SnmpValue.Int(n);
                break;
        }
        try
        {
            client.Set([new SnmpVarBind(oid, v)]);
            return true;
        }
        catch (Exception e) when (e is SnmpErrorException or SnmpTimeoutException or System.Net.Sockets.SocketException)
        {
            NutLog.Error($"[{upsName}] nut_snmp_set: can't set {oid}: {e.Message}");
            return false;
        }
    }

    /// <summary>The objects under <paramref name="oid"/> (a GETNEXT walk), for the "ups.alarms" table.</summary>
    public List<SnmpVarBind> Walk(string oid, int max = 1000)
    {
        var list = new List<SnmpVarBind>();
        string prefix = oid.TrimEnd('.') + ".";
        string current = oid;
        while (list.Count < max)
        {
            IReadOnlyList<SnmpVarBind> r;
            try
            {
                r = client.GetNext([current]);
            }
            catch (Exception e) when (e is SnmpErrorException or System.Net.Sockets.SocketException)
            {
                break;
            }
            if (r.Count == 0 || r[0].Value.IsException || !r[0].Oid.StartsWith(prefix, StringComparison.Ordinal))
                break;
            list.Add(r[0]);
            current = r[0].Oid;
        }
        return list;
    }

    /// <summary>Printable text as is; anything else as NUT's hex form "00 20 85 F9 " (upper case, a space after each byte).</summary>
    public static string DecodeOctets(byte[] bytes)
    {
        bool hex = false;
        foreach (byte b in bytes)
            if (!(b is >= 0x20 and < 0x7f || b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r'))
                hex = true;
        if (!hex)
            return Encoding.Latin1.GetString(bytes.Length > 127 ? bytes[..127] : bytes);
        var sb = new StringBuilder();
        foreach (byte b in bytes)
            sb.Append(b.ToString("X2", CultureInfo.InvariantCulture)).Append(' ');
        return sb.ToString();
    }

    /// <summary>C's strtol(s, NULL, 0): optional sign, 0x for hex, a leading 0 for octal, stops at the first bad digit.</summary>
    public static long CStrtol(string s)
    {
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        bool neg = false;
        if (i < s.Length && s[i] is '+' or '-') neg = s[i++] == '-';
        int radix = 10;
        if (i + 1 < s.Length && s[i] == '0' && s[i + 1] is 'x' or 'X') { radix = 16; i += 2; }
        else if (i < s.Length && s[i] == '0') radix = 8;
        long v = 0;
        for (; i < s.Length; i++)
        {
            int d = s[i] switch { >= '0' and <= '9' => s[i] - '0', >= 'a' and <= 'f' => s[i] - 'a' + 10, >= 'A' and <= 'F' => s[i] - 'A' + 10, _ => 99 };
            if (d >= radix) break;
            v = unchecked(v * radix + d);
        }
        return neg ? -v : v;
    }

    static int TypeCode(SnmpValueType t) => t switch
    {
        SnmpValueType.Null => 0x05, SnmpValueType.IpAddress => 0x40, SnmpValueType.Counter64 => 0x46,
        SnmpValueType.NoSuchObject => 0x80, SnmpValueType.NoSuchInstance => 0x81, SnmpValueType.EndOfMibView => 0x82, _ => 0,
    };
}
