using System.Text;

namespace Nut.Drivers.Snmp;

/// <summary>Dotted OIDs as callers write them (".1.3.6.1" or "1.3.6.1") and as System.Formats.Asn1 wants them ("1.3.6.1").</summary>
public static class SnmpOid
{
    /// <summary>Strips the leading dot and checks the text is arcs of digits; throws ArgumentException for a caller's bad OID.</summary>
    public static string ToAsn(string oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        string s = oid.StartsWith('.') ? oid[1..] : oid;
        if (!IsDotted(s))
            throw new ArgumentException($"'{oid}' is not a numeric OID (expected digits separated by dots, like .1.3.6.1.2.1.1.2.0)", nameof(oid));
        return s;
    }

    /// <summary>The leading-dot form every SnmpVarBind uses.</summary>
    public static string FromAsn(string dotted) => "." + dotted;

    /// <summary>True when <paramref name="oid"/> lies strictly below <paramref name="root"/> (both in leading-dot form).</summary>
    public static bool IsUnder(string oid, string root)
    {
        string r = Normalize(root);
        return Normalize(oid).StartsWith(r + ".", StringComparison.Ordinal);
    }

    /// <summary>Leading-dot form of either spelling.</summary>
    public static string Normalize(string oid) => oid.StartsWith('.') ? oid : "." + oid;

    static bool IsDotted(string s)
    {
        if (s.Length == 0)
            return false;
        var parts = s.Split('.');
        if (parts.Length < 2)
            return false;
        foreach (var p in parts)
        {
            if (p.Length == 0)
                return false;
            foreach (char c in p)
                if (c is < '0' or > '9')
                    return false;
        }
        // X.690: the first arc is 0, 1 or 2, and under 0 or 1 the second arc is below 40.
        if (parts[0].Length != 1 || parts[0][0] > '2')
            return false;
        return parts[0][0] == '2' || (parts[1].Length <= 2 && int.Parse(parts[1]) < 40);
    }

    /// <summary>Human form of a list of OIDs for error messages.</summary>
    public static string Join(IEnumerable<string> oids)
    {
        var sb = new StringBuilder();
        foreach (var o in oids)
            sb.Append(sb.Length == 0 ? "" : ", ").Append(o);
        return sb.ToString();
    }
}
