namespace Nut.Drivers.Snmp.Mib;

/// <summary>
/// One line of a MIB-to-NUT mapping: the NUT variable (or command) <paramref name="Name"/>, the SNMP object it comes
/// from, and how the raw value becomes the published one. <paramref name="Length"/> is the multiplier for numbers and
/// the maximum length for strings (NUT keeps both in one field, and so do we, because a few tables rely on it, e.g.
/// apcc's ups.delay.shutdown is read as a number times 3). "%i" in an OID or name marks a template (outlets, groups,
/// ambient sensors, the unit of a daisy chain).
/// </summary>
public sealed record MibEntry(string Name, InfoFlags Info, double Length, string? RawOid, string? Default, MibFlags Flags, MibLookup? Lookup = null)
{
    /// <summary>The OID with its leading dot (some tables spell it without).</summary>
    public string? Oid { get; } = RawOid is null ? null : RawOid.StartsWith('.') ? RawOid : "." + RawOid;

    public bool IsString => (Info & InfoFlags.String) != 0;
    public bool IsWritable => (Info & InfoFlags.Rw) != 0;
    public bool IsCommand => (Flags & MibFlags.Command) != 0;
    public bool IsTemplate => (Flags & MibFlags.AnyTemplate) != 0;
    public bool Has(MibFlags f) => (Flags & f) != 0;
}

/// <summary>An alarm OID of the "ups.alarms" table (pw, pxgx_ups): when the agent lists it, it sets a status and/or an alarm.</summary>
public sealed record MibAlarm(string Oid, string? Status, string? Alarm);

/// <summary>
/// A MIB-to-NUT mapping as snmp-ups lists it (<c>mibs=--list</c>): name, version, the sysObjectID it is chosen by,
/// the OID NUT shows as its auto-check OID, and the entries. Strings are kept as NUT spells them (some without a
/// leading dot) because the listing prints them verbatim.
/// </summary>
public sealed record MibMapping(string Name, string Version, string? SysOid, string? AutoCheckOid, string? PowerStatusOid,
    IReadOnlyList<MibEntry>? Entries, IReadOnlyList<MibAlarm>? Alarms = null)
{
    /// <summary>True when NutSharp carries this mapping's table (the listing names 30, we implement some).</summary>
    public bool IsImplemented => Entries is not null;

    /// <summary>The first entry of that name (NUT's su_find_info: case-insensitive).</summary>
    public MibEntry? Find(string name) => Entries?.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
