using Nut.Core.Text;

namespace Nut.Core.State;

/// <summary>An integer range a NUMBER variable may take (ADDRANGE).</summary>
public readonly record struct ValueRange(int Min, int Max);

/// <summary>One UPS variable: its value, flags, aux (maximum string length), enums and ranges.</summary>
public sealed class UpsVariable
{
    string _value = "";

    public UpsVariable(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name as first set (lookups are case-insensitive).</summary>
    public string Name { get; }

    public string Value
    {
        get => _value;
        set
        {
            _value = value;
            EscapedValue = NutQuoting.Escape(value);
        }
    }

    /// <summary>The value encoded for the wire (\", \\, \#), kept so replies need not re-encode.</summary>
    public string EscapedValue { get; private set; } = "";

    public VariableFlags Flags { get; set; }
    public int Aux { get; set; }
    public List<string> Enums { get; } = [];
    public List<ValueRange> Ranges { get; } = [];

    public bool IsReadWrite => (Flags & VariableFlags.ReadWrite) != 0;
    public bool IsString => (Flags & VariableFlags.String) != 0;
    public bool IsImmutable => (Flags & VariableFlags.Immutable) != 0;

    /// <summary>The words of <c>GET TYPE</c>: [RW] [ENUM] [RANGE] then STRING:aux or NUMBER.</summary>
    public string TypeWords()
    {
        var parts = new List<string>(4);
        if (IsReadWrite) parts.Add("RW");
        if (Enums.Count > 0) parts.Add("ENUM");
        if (Ranges.Count > 0) parts.Add("RANGE");
        parts.Add(IsString ? "STRING:" + Aux : "NUMBER");
        return string.Join(' ', parts);
    }
}
