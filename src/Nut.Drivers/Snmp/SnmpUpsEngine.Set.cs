using System.Globalization;
using Nut.Drivers.Host;
using Nut.Drivers.Snmp.Mib;
using Nut.Platform;

namespace Nut.Drivers.Snmp;

public sealed partial class SnmpUpsEngine
{
    /// <summary>
    /// An instant command (value = the entry's default, or the parameter) or a variable write, as one SET
    /// (su_setOID). Strings are written as OCTET STRING, numbers as INTEGER divided by the multiplier (or through the
    /// lookup), time entries as TimeTicks. Returns a <see cref="HandlerStatus"/> code.
    /// </summary>
    public int Set(bool command, string name, string? value)
    {
        MibEntry? def;
        string? oid;
        bool ok;
        if (name.StartsWith("outlet", StringComparison.Ordinal))
        {
            bool group = name.StartsWith("outlet.group.", StringComparison.Ordinal);
            string rest = name[(group ? "outlet.group.".Length : "outlet.".Length)..];
            int dot = rest.IndexOf('.');
            if (dot <= 0 || !int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int item))
                return HandlerStatus.Unknown;
            int total = (int)SnmpAccess.CStrtol(_state.GetInfo(group ? "outlet.group.count" : "outlet.count") ?? "0");
            if (item > total)
                return HandlerStatus.Invalid;
            string templateName = (group ? "outlet.group.%i" : "outlet.%i") + rest[dot..];
            var live = _entries.FirstOrDefault(e => e.Name.Equals(templateName, StringComparison.OrdinalIgnoreCase));
            if (live is null || !live.Ok)
                return HandlerStatus.Unknown;
            def = live.Def;
            if (def.Oid is null)
                return command ? HandlerStatus.Unknown : HandlerStatus.Unknown;
            oid = InstanceOid(def, item);
            if (def.Default is { } d && d.Contains("%i", StringComparison.Ordinal))
                def = def with { Default = SnmpTemplate.Fill(d, item) };
        }
        else
        {
            var live = _entries.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (live is null || !live.Ok || live.Def.Oid is null)
                return HandlerStatus.Unknown;
            def = live.Def;
            oid = DeviceOid(def.Oid!);
        }
        string? raw = value ?? def.Default;
        if (command && raw is null)
            return HandlerStatus.Invalid;
        if (def.IsString)
        {
            ok = _snmp.Set(oid, 's', raw ?? "");
        }
        else
        {
            long n;
            if (command)
            {
                if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
                    return HandlerStatus.Invalid;
            }
            else if (def.Lookup is { IsFunction: false } lookup)
            {
                n = lookup.ValueOf(raw ?? "");
            }
            else
            {
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
                    return HandlerStatus.Invalid;
                n = (long)(n / def.Length);
            }
            ok = def.Has(MibFlags.TypeTime)
                ? _snmp.Set(oid, 't', (n * 100).ToString(CultureInfo.InvariantCulture))
                : _snmp.Set(oid, 'i', n.ToString(CultureInfo.InvariantCulture));
        }
        if (!ok)
        {
            NutLog.Info(command ? $"[{_upsName}] su_setOID: cannot execute command '{name}'" : $"[{_upsName}] su_setOID: cannot set value {value} on OID {oid}");
            return HandlerStatus.Failed;
        }
        NutLog.Info(command ? $"[{_upsName}] su_setOID: successfully sent command {name}" : $"[{_upsName}] su_setOID: successfully set {name} to \"{value}\"");
        if (!command)
            _state.SetInfo(name, value ?? "");
        return HandlerStatus.Handled;
    }
}
