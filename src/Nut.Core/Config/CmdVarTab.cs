namespace Nut.Core.Config;

/// <summary>
/// cmdvartab (spec/config-files.md §8): the descriptions upsd sends for GET DESC and GET CMDDESC.
/// <c>VARDESC name "text"</c> and <c>CMDDESC name "text"</c>; later entries replace earlier ones;
/// lookups ignore case. A missing file just disables descriptions.
/// </summary>
public sealed class CmdVarTab
{
    public const string FileName = "cmdvartab";
    public const string Unavailable = "Description unavailable";

    readonly Dictionary<string, string> _vars = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _cmds = new(StringComparer.OrdinalIgnoreCase);

    public static CmdVarTab Empty { get; } = new();

    public int VariableCount => _vars.Count;
    public int CommandCount => _cmds.Count;

    public string? VariableDescription(string name) => _vars.GetValueOrDefault(name);
    public string? CommandDescription(string name) => _cmds.GetValueOrDefault(name);

    public static CmdVarTab Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var table = new CmdVarTab();
        var ignored = new List<ConfigDiagnostic>();
        foreach (var line in ConfigFile.Lines(fileName, content, ignored))
        {
            var w = line.Words;
            if (w.Length < 3)
                continue;
            if (w[0] == "VARDESC")
                table._vars[w[1]] = w[2];
            else if (w[0] == "CMDDESC")
                table._cmds[w[1]] = w[2];
        }
        return table;
    }

    /// <summary>Loads &lt;dataPath&gt;/cmdvartab, or returns null when it cannot be read.</summary>
    public static CmdVarTab? TryLoad(string dataPath)
    {
        string path = Path.Combine(dataPath, FileName);
        try
        {
            return Parse(path, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
