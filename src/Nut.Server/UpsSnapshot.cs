using Nut.Core.State;
using Nut.Core.Text;

namespace Nut.Server;

/// <summary>One variable as clients see it: everything precomputed for replies.</summary>
public sealed record VariableView(string Name, string EscapedValue, bool IsReadWrite, string TypeWords,
    bool IsString, int Aux, string[] Enums, string[] EscapedEnums, ValueRange[] Ranges);

/// <summary>
/// An immutable copy of one UPS's data, published by its driver link after each batch of driver messages and
/// read by any number of client sessions without locks (they read whichever snapshot is current).
/// </summary>
public sealed class UpsSnapshot
{
    public static readonly UpsSnapshot Empty = new([], []);

    readonly Dictionary<string, VariableView> _byName;

    public UpsSnapshot(VariableView[] sorted, string[] commands)
    {
        Sorted = sorted;
        Commands = commands;
        _byName = new Dictionary<string, VariableView>(sorted.Length, NutNameComparer.Instance);
        foreach (var v in sorted)
            _byName[v.Name] = v;
    }

    /// <summary>Variables in strcasecmp order (LIST VAR order).</summary>
    public VariableView[] Sorted { get; }
    /// <summary>Instant commands in strcasecmp order.</summary>
    public string[] Commands { get; }

    public VariableView? Find(string name) => _byName.GetValueOrDefault(name);

    public bool HasCommand(string name)
    {
        foreach (var c in Commands)
            if (NutNameComparer.Instance.Equals(c, name))
                return true;
        return false;
    }

    public static UpsSnapshot From(UpsState state)
    {
        var vars = new VariableView[state.VariableCount];
        int i = 0;
        foreach (var v in state.Variables)
        {
            vars[i++] = new VariableView(v.Name, v.EscapedValue, v.IsReadWrite, v.TypeWords(), v.IsString, v.Aux,
                [.. v.Enums], v.Enums.Select(NutQuoting.Escape).ToArray(), [.. v.Ranges]);
        }
        return new UpsSnapshot(vars, [.. state.Commands]);
    }
}
