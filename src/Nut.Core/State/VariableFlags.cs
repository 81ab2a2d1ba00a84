namespace Nut.Core.State;

/// <summary>Flags of a UPS variable. RW, STRING and NUMBER travel on the driver socket (SETFLAGS);
/// Immutable marks an <c>override.*</c> value inside a driver and is never transmitted.</summary>
[Flags]
public enum VariableFlags
{
    None = 0,
    ReadWrite = 1,
    String = 2,
    Number = 4,
    Immutable = 8,
}

public static class VariableFlagWords
{
    /// <summary>Parses the words of a SETFLAGS message (case-insensitive; unknown words ignored).</summary>
    public static VariableFlags Parse(IEnumerable<string> words)
    {
        var flags = VariableFlags.None;
        foreach (var w in words)
        {
            if (w.Equals("RW", StringComparison.OrdinalIgnoreCase)) flags |= VariableFlags.ReadWrite;
            else if (w.Equals("STRING", StringComparison.OrdinalIgnoreCase)) flags |= VariableFlags.String;
            else if (w.Equals("NUMBER", StringComparison.OrdinalIgnoreCase)) flags |= VariableFlags.Number;
        }
        return flags;
    }

    /// <summary>The transmitted flags as SETFLAGS words, in NUT's order (RW STRING NUMBER).</summary>
    public static string Format(VariableFlags flags)
    {
        var parts = new List<string>(3);
        if ((flags & VariableFlags.ReadWrite) != 0) parts.Add("RW");
        if ((flags & VariableFlags.String) != 0) parts.Add("STRING");
        if ((flags & VariableFlags.Number) != 0) parts.Add("NUMBER");
        return string.Join(' ', parts);
    }

    public static VariableFlags Transmitted(this VariableFlags flags) =>
        flags & (VariableFlags.ReadWrite | VariableFlags.String | VariableFlags.Number);
}
