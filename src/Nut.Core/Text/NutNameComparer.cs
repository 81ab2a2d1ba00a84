namespace Nut.Core.Text;

/// <summary>
/// C's strcasecmp in the "C" locale: compares bytes after ASCII tolower. NUT sorts variables and
/// commands this way (LIST VAR order, DUMPALL order). Note it differs from OrdinalIgnoreCase, which
/// upper-cases: with tolower, '_' (0x5F) sorts before letters; with toupper it sorts after them.
/// </summary>
public sealed class NutNameComparer : IComparer<string>, IEqualityComparer<string>
{
    public static readonly NutNameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            int a = Lower(x[i]), b = Lower(y[i]);
            if (a != b) return a - b;
        }
        return x.Length - y.Length;
    }

    public bool Equals(string? x, string? y) => Compare(x, y) == 0;

    public int GetHashCode(string obj)
    {
        var hc = new HashCode();
        foreach (char c in obj) hc.Add(Lower(c));
        return hc.ToHashCode();
    }

    static int Lower(char c) => c is >= 'A' and <= 'Z' ? c + 32 : c;
}
