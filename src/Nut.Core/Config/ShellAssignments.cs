using System.Text;

namespace Nut.Core.Config;

/// <summary>A variable a shell fragment sets: its value, whether it is exported, and the line that set it last.</summary>
public sealed record ShellVariable(string Name, string Value, bool Exported, int Line);

/// <summary>
/// Reads a file of shell variable assignments the way <c>/bin/sh</c> does when it sources it (nut.conf is such a
/// file: Debian's wrappers run <c>. /etc/nut/nut.conf</c>). Supported, with POSIX sh's meaning: <c>NAME=value</c>
/// (several per line, left to right), <c>export NAME[=value]</c>, <c>;</c> and newlines between commands,
/// comments (<c>#</c> at the start of a word), single quotes, double quotes (backslash escapes only <c>$ ` " \</c>
/// and newline), backslash escapes and backslash-newline continuations, <c>$NAME</c> and <c>${NAME}</c> of
/// variables set earlier in the file. Anything else — a command (<c>MODE = x</c> runs a command named MODE),
/// pipes, redirections, command substitution, parameter operators — is reported, never executed.
/// Checked against dash by the tests.
/// </summary>
public sealed class ShellAssignments
{
    /// <summary>One piece of a word: literal text, or a <c>$NAME</c> to expand when the command runs.</summary>
    readonly record struct Part(string Text, bool IsVariable);

    sealed class Word
    {
        public List<Part> Parts { get; } = [];
        public StringBuilder Literal { get; } = new();
        /// <summary>Set when the word starts with an unquoted <c>NAME=</c>; the parts are then the value.</summary>
        public string? AssignName { get; set; }
        public bool AnyQuoting { get; set; }

        public void Flush()
        {
            if (Literal.Length > 0)
                Parts.Add(new Part(Literal.ToString(), false));
            Literal.Clear();
        }
    }

    readonly string _fileName;
    readonly string _text;
    readonly List<ConfigDiagnostic> _diagnostics;
    readonly Dictionary<string, ShellVariable> _variables = new(StringComparer.Ordinal);
    int _pos;
    int _line = 1;
    bool _skipCommand;   // an unsupported construct: report it, do not run the command
    bool _stop;          // a syntax error: the shell reads no further

    ShellAssignments(string fileName, string text, List<ConfigDiagnostic> diagnostics)
    {
        _fileName = fileName;
        _text = text;
        _diagnostics = diagnostics;
    }

    /// <summary>Runs the assignments of <paramref name="text"/>; problems are added to <paramref name="diagnostics"/>.
    /// A syntax error (an unterminated quote) stops reading, as it stops the shell.</summary>
    public static IReadOnlyDictionary<string, ShellVariable> Run(string fileName, string text, List<ConfigDiagnostic> diagnostics)
    {
        var shell = new ShellAssignments(fileName, text, diagnostics);
        shell.RunAll();
        return shell._variables;
    }

    void RunAll()
    {
        while (_pos < _text.Length && !_stop)
        {
            int commandLine = _line;
            var words = new List<Word>();
            _skipCommand = false;
            ReadCommand(words);
            if (words.Count > 0 && !_skipCommand && !_stop)
                Execute(words, commandLine);
        }
    }

    /// <summary>Reads words up to a newline or <c>;</c>.</summary>
    void ReadCommand(List<Word> words)
    {
        while (_pos < _text.Length && !_stop)
        {
            char c = _text[_pos];
            if (c is ' ' or '\t')
            {
                _pos++;
            }
            else if (c == '\\' && Peek(1) == '\n')
            {
                _pos += 2;
                _line++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                    _pos++;
            }
            else if (c is '\n' or ';')
            {
                _pos++;
                if (c == '\n')
                    _line++;
                return;
            }
            else
            {
                words.Add(ReadWord());
            }
        }
    }

    Word ReadWord()
    {
        var word = new Word();
        while (_pos < _text.Length && !_stop && !_skipCommand)
        {
            char c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or ';')
                break;
            if (c is '|' or '&' or '<' or '>' or '(' or ')' or '`')
            {
                Unsupported($"'{c}'");
                break;
            }
            if (c == '=' && word.AssignName is null && !word.AnyQuoting && word.Parts.Count == 0 && IsName(word.Literal.ToString()))
            {
                word.AssignName = word.Literal.ToString();
                word.Literal.Clear();
                _pos++;
                continue;
            }
            _pos++;
            switch (c)
            {
                case '\\':
                    word.AnyQuoting = true;
                    if (_pos < _text.Length)
                    {
                        char next = _text[_pos++];
                        if (next == '\n')
                            _line++;
                        else
                            word.Literal.Append(next);
                    }
                    break;
                case '\'':
                    word.AnyQuoting = true;
                    ReadSingleQuoted(word);
                    break;
                case '"':
                    word.AnyQuoting = true;
                    ReadDoubleQuoted(word);
                    break;
                case '$':
                    ReadDollar(word);
                    break;
                default:
                    word.Literal.Append(c);
                    break;
            }
        }
        word.Flush();
        return word;
    }

    void ReadSingleQuoted(Word word)
    {
        int open = _line;
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == '\'')
                return;
            if (c == '\n')
                _line++;
            word.Literal.Append(c);
        }
        SyntaxError(open, "unterminated quoted string (')");
    }

    void ReadDoubleQuoted(Word word)
    {
        int open = _line;
        while (_pos < _text.Length && !_skipCommand)
        {
            char c = _text[_pos++];
            switch (c)
            {
                case '"':
                    return;
                case '\\' when _pos < _text.Length && _text[_pos] is '$' or '`' or '"' or '\\' or '\n':
                    char next = _text[_pos++];
                    if (next == '\n')
                        _line++;
                    else
                        word.Literal.Append(next);
                    break;
                case '$':
                    ReadDollar(word);
                    break;
                case '`':
                    Unsupported("command substitution (`...`)");
                    return;
                case '\n':
                    _line++;
                    word.Literal.Append(c);
                    break;
                default:
                    word.Literal.Append(c);
                    break;
            }
        }
        if (!_skipCommand)
            SyntaxError(open, "unterminated quoted string (\")");
    }

    /// <summary>After a <c>$</c>: <c>NAME</c> or <c>{NAME}</c> become a variable part; a lone <c>$</c> is literal.</summary>
    void ReadDollar(Word word)
    {
        char c = Peek(0);
        if (c == '{')
        {
            int close = _text.IndexOf('}', _pos);
            string name = close < 0 ? "" : _text[(_pos + 1)..close];
            if (!IsName(name))
            {
                Unsupported("${...} other than ${NAME}");
                return;
            }
            _pos = close + 1;
            AddVariable(word, name);
            return;
        }
        if (c == '_' || char.IsAsciiLetter(c))
        {
            int end = _pos;
            while (end < _text.Length && (_text[end] == '_' || char.IsAsciiLetterOrDigit(_text[end])))
                end++;
            AddVariable(word, _text[_pos..end]);
            _pos = end;
            return;
        }
        if (c == '(' || char.IsAsciiDigit(c) || c is '?' or '$' or '!' or '#' or '*' or '@' or '-')
        {
            Unsupported($"'${c}'");
            return;
        }
        word.Literal.Append('$');
    }

    static void AddVariable(Word word, string name)
    {
        word.Flush();
        word.Parts.Add(new Part(name, true));
    }

    void Execute(List<Word> words, int line)
    {
        int i = 0;
        while (i < words.Count && words[i].AssignName is not null)
            i++;
        var command = i < words.Count ? words[i] : null;
        bool isExport = command is not null && !command.AnyQuoting && Expand(command, line) == "export";
        // Assignments before a command only go to that command's environment, except before a special
        // built-in such as export, where they stay in the shell (POSIX).
        if (command is not null && !isExport)
        {
            string text = string.Join(' ', words.Select(w => (w.AssignName is null ? "" : w.AssignName + "=") + Expand(w, line)));
            Error(line, $"expected NAME=value with no spaces around '=' (the shell would run this as a command), got: {text}");
            return;
        }
        for (int a = 0; a < i; a++)
            Assign(words[a], line, export: false);
        if (isExport)
        {
            for (i++; i < words.Count; i++)
            {
                var w = words[i];
                if (w.AssignName is not null)
                {
                    Assign(w, line, export: true);
                    continue;
                }
                string name = Expand(w, line);
                if (!IsName(name))
                {
                    Error(line, $"export {name}: expected a variable name");
                    continue;
                }
                var v = _variables.GetValueOrDefault(name);
                _variables[name] = new ShellVariable(name, v?.Value ?? "", true, v?.Line ?? line);
            }
        }
    }

    void Assign(Word word, int line, bool export)
    {
        string name = word.AssignName!;
        bool exported = export || (_variables.TryGetValue(name, out var old) && old.Exported);
        _variables[name] = new ShellVariable(name, Expand(word, line), exported, line);
    }

    string Expand(Word word, int line)
    {
        if (word.Parts.Count == 1 && !word.Parts[0].IsVariable)
            return word.Parts[0].Text;
        var sb = new StringBuilder();
        foreach (var part in word.Parts)
        {
            if (!part.IsVariable)
            {
                sb.Append(part.Text);
                continue;
            }
            if (_variables.TryGetValue(part.Text, out var v))
                sb.Append(v.Value);
            else
                Warn(line, $"${part.Text} is not set earlier in the file: the shell takes it from the environment of whoever reads the file (empty here)");
        }
        return sb.ToString();
    }

    static bool IsName(string s)
    {
        if (s.Length == 0 || !(s[0] == '_' || char.IsAsciiLetter(s[0])))
            return false;
        foreach (char c in s)
            if (!(c == '_' || char.IsAsciiLetterOrDigit(c)))
                return false;
        return true;
    }

    char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    /// <summary>Reports a construct we do not run and skips the rest of the physical line.</summary>
    void Unsupported(string what)
    {
        Error(_line, $"{what}: unsupported here; expected only NAME=value assignments (nut.conf is also read by systemd and sed)");
        _skipCommand = true;
        while (_pos < _text.Length && _text[_pos] != '\n')
            _pos++;
    }

    void SyntaxError(int line, string what)
    {
        Error(line, $"{what}: the shell stops reading the file here, and the scripts that source it fail");
        _stop = true;
    }

    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(_fileName, line, message, IsError: true));
    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(_fileName, line, message));
}
