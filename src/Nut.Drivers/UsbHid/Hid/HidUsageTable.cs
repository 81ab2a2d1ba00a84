using System.Globalization;
using System.Text;

namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// Usage names &lt;-&gt; 32-bit usages (page &lt;&lt; 16 | id), and usage paths to and from NUT's dotted text
/// ("UPS.PowerSummary.PresentStatus.ACPresent"). A subdriver's table is <see cref="Standard"/> plus its vendor
/// names (<see cref="With"/>); vendor names win over standard ones in both directions, as in NUT. Names compare
/// case-insensitively; a usage with no name prints as 8 lowercase hex digits (<c>ff860024</c>) and an indexed
/// collection as <c>[n]</c>, both of which <see cref="ParsePath"/> also reads.
/// </summary>
public sealed class HidUsageTable
{
    private readonly Dictionary<string, uint> _byName;
    private readonly Dictionary<uint, string> _byUsage;

    private HidUsageTable(Dictionary<string, uint> byName, Dictionary<uint, string> byUsage)
    {
        _byName = byName;
        _byUsage = byUsage;
    }

    /// <summary>The Power Device (0x84) and Battery System (0x85) pages.</summary>
    public static HidUsageTable Standard { get; } =
        new HidUsageTable(new(StringComparer.OrdinalIgnoreCase), []).With(HidStandardUsages.All);

    /// <summary>This table with <paramref name="vendorUsages"/> added in front (they override on a clash).</summary>
    public HidUsageTable With(IEnumerable<(string Name, uint Usage)> vendorUsages)
    {
        var byName = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
        var byUsage = new Dictionary<uint, string>();
        foreach (var (name, usage) in vendorUsages)
        {
            byName.TryAdd(name, usage);
            byUsage.TryAdd(usage, name);
        }
        foreach (var (name, usage) in _byName) byName.TryAdd(name, usage);
        foreach (var (usage, name) in _byUsage) byUsage.TryAdd(usage, name);
        return new HidUsageTable(byName, byUsage);
    }

    /// <summary>The name of <paramref name="usage"/>, or null.</summary>
    public string? NameOf(uint usage) => _byUsage.GetValueOrDefault(usage);

    /// <summary>The usage named <paramref name="name"/> (any case), or null.</summary>
    public uint? UsageOf(string name) => _byName.TryGetValue(name, out var u) ? u : null;

    /// <summary>The dotted text of a path, as NUT prints it.</summary>
    public string FormatPath(IReadOnlyList<uint> path)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < path.Count; i++)
        {
            if (i > 0) sb.Append('.');
            uint node = path[i];
            if (HidPathNode.IsIndex(node))
                sb.Append('[').Append((node & 0x7F).ToString(CultureInfo.InvariantCulture)).Append(']');
            else if (_byUsage.TryGetValue(node, out var name))
                sb.Append(name);
            else
                sb.Append(node.ToString("x8", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The numeric path of dotted text: names, 1..8 hex digits for an unnamed usage, [n] (0..127) for an index.
    /// Null when a component is none of these (an unknown name, an empty component).
    /// </summary>
    public uint[]? ParsePath(string path)
    {
        string[] parts = path.Split('.');
        var nodes = new uint[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i];
            if (_byName.TryGetValue(p, out var usage))
                nodes[i] = usage;
            else if (p.Length is > 0 and <= 8 && uint.TryParse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                nodes[i] = hex;
            else if (p.Length > 2 && p[0] == '[' && p[^1] == ']'
                && uint.TryParse(p.AsSpan(1, p.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index <= 0x7F)
                nodes[i] = HidPathNode.Index | index;
            else
                return null;
        }
        return nodes;
    }
}
