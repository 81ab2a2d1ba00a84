using System.Text;
using System.Text.RegularExpressions;

namespace Nut.Tools.Plot;

/// <summary>What one capturing group of a line pattern holds: a time field, or the value of a logged variable.</summary>
public readonly record struct PatternCapture(TimeField? Time, int Variable)
{
    public static PatternCapture ForTime(TimeField field) => new(field, -1);
    public static PatternCapture ForVariable(int index) => new(null, index);
}

/// <summary>
/// Builds the regular expression for a log line, numbering its capturing groups as it goes so that group
/// <c>n</c> is <c>Captures[n - 1]</c>. Fragments passed to <see cref="Capture"/> must not capture themselves.
/// </summary>
public sealed class PatternBuilder
{
    readonly StringBuilder _regex = new("^");
    readonly List<PatternCapture> _captures = [];

    public IReadOnlyList<PatternCapture> Captures => _captures;

    public void Literal(string text) => _regex.Append(Regex.Escape(text));

    /// <summary>A fragment that is matched but not kept.</summary>
    public void Skip(string fragment) => _regex.Append("(?:").Append(fragment).Append(')');

    public void Capture(string fragment, PatternCapture what)
    {
        _regex.Append('(').Append(fragment).Append(')');
        _captures.Add(what);
    }

    /// <summary>
    /// The finished pattern. The non-backtracking engine matches in time linear in the line's length, so a
    /// format with many free-text values cannot make a malformed line take exponential time.
    /// </summary>
    public Regex Build() => new(_regex.ToString() + "$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public override string ToString() => _regex.ToString() + "$";
}
