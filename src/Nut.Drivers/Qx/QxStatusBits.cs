namespace Nut.Drivers.Qx;

/// <summary>
/// The ups.status bits the Q* protocols set and clear one at a time ("OL", "!LB", ...) while an answer is
/// processed; they persist between polls and are published in NUT's fixed order (OL or OB first).
/// </summary>
public sealed class QxStatusBits
{
    /// <summary>The publication order of nutdrv_qx (its ups_status_set); OL stands for "OL", its absence for "OB".</summary>
    static readonly string[] Order = ["OL", "DISCHRG", "CHRG", "LB", "OVER", "RB", "TRIM", "BOOST", "BYPASS", "OFF", "CAL", "FSD"];

    readonly HashSet<string> _set = new(StringComparer.Ordinal);

    /// <summary>Sets a bit ("LB") or clears it ("!LB"); unknown names are ignored as NUT does.</summary>
    public void Update(string token)
    {
        bool clear = token.StartsWith('!');
        string name = clear ? token[1..] : token;
        if (name == "OB")
        {
            // "OB" is not a bit of its own: on battery is the absence of OL.
            name = "OL";
            clear = !clear;
        }
        if (Array.IndexOf(Order, name) < 0)
            return;
        if (clear) _set.Remove(name); else _set.Add(name);
    }

    public bool Has(string name) => _set.Contains(name);

    /// <summary>The status words in publication order.</summary>
    public IEnumerable<string> Words()
    {
        yield return _set.Contains("OL") ? "OL" : "OB";
        foreach (string name in Order.AsSpan(1).ToArray())
            if (_set.Contains(name))
                yield return name;
    }
}
