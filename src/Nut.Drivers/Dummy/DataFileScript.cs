using Nut.Core.Text;

namespace Nut.Drivers.Dummy;

/// <summary>One directive of a .dev/.seq file: a variable assignment or a TIMER pause.</summary>
public abstract record DataFileDirective(int Line);

/// <summary><c>name: value words...</c></summary>
public sealed record Assignment(int Line, string Name, string[] ValueWords) : DataFileDirective(Line);

/// <summary><c>TIMER n</c>: stop reading for n seconds.</summary>
public sealed record Pause(int Line, int Seconds) : DataFileDirective(Line);

/// <summary>
/// A dummy-ups data file read as a script (spec/dummy-ups.md §2-3): each update continues where the last
/// TIMER stopped once its time has passed; at the end a loop file starts again from the top, a once file
/// waits for the file to change.
/// </summary>
public sealed class DataFileScript
{
    readonly List<DataFileDirective> _directives;
    int _position;
    long _resumeAt = long.MinValue; // TimeProvider timestamp; MinValue: no pause pending

    public DataFileScript(IReadOnlyList<DataFileDirective> directives) => _directives = [.. directives];

    public int Count => _directives.Count;
    /// <summary>The directives in file order (nut-check looks for the variables a file sets).</summary>
    public IReadOnlyList<DataFileDirective> Directives => _directives;
    public bool AtEnd => _position >= _directives.Count;

    /// <summary>Parses the file's bytes. Lines with parse errors are skipped (as NUT does), with a message.</summary>
    public static DataFileScript Parse(ReadOnlySpan<byte> content, List<string>? errors = null)
    {
        var list = new List<DataFileDirective>();
        foreach (var line in NutTokenizer.TokenizeFile(content))
        {
            if (line.IsError)
            {
                errors?.Add($"line {line.LineNumber}: {line.Error}");
                continue;
            }
            var w = line.Words;
            if (w.Length == 0)
                continue;
            if (w[0].StartsWith("TIMER", StringComparison.Ordinal))
            {
                list.Add(new Pause(line.LineNumber, w.Length > 1 ? CInt.Atoi(w[1]) : 0));
                continue;
            }
            int colon = w[0].IndexOf(':');
            string name = colon >= 0 ? w[0][..colon] : w[0];
            if (name.StartsWith("driver.", StringComparison.Ordinal))
                continue;
            list.Add(new Assignment(line.LineNumber, name, w[1..]));
        }
        return new DataFileScript(list);
    }

    public void Rewind()
    {
        _position = 0;
        _resumeAt = long.MinValue;
    }

    /// <summary>
    /// Runs assignments from the current position until a TIMER (which sets when to resume) or the end.
    /// Does nothing while a TIMER's time has not passed.
    /// </summary>
    public void Run(TimeProvider clock, Action<Assignment> apply)
    {
        if (_resumeAt != long.MinValue && clock.GetTimestamp() < _resumeAt)
            return;
        _resumeAt = long.MinValue;
        while (_position < _directives.Count)
        {
            var d = _directives[_position++];
            if (d is Pause p)
            {
                _resumeAt = clock.GetTimestamp() + (long)(p.Seconds * (double)clock.TimestampFrequency);
                return;
            }
            apply((Assignment)d);
        }
    }
}
