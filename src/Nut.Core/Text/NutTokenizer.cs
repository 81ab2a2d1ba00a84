using System.Text;

namespace Nut.Core.Text;

/// <summary>What feeding a byte to the tokenizer produced.</summary>
public enum TokenizerResult
{
    /// <summary>Nothing complete yet.</summary>
    None,
    /// <summary>A logical line ended; <see cref="NutTokenizer.Words"/> holds its words (possibly none).</summary>
    Line,
    /// <summary>A parse error ended the line; <see cref="NutTokenizer.Words"/> holds the words so far
    /// and <see cref="NutTokenizer.Error"/> the message.</summary>
    Error,
}

/// <summary>
/// NUT's one tokenizer, shared by every config file, the network protocol (both sides), the driver
/// socket and the upssched pipe. It is a byte-at-a-time state machine; the rules (spec/config-files.md §1)
/// are reproduced exactly, quirks included, because peers and existing files depend on them:
/// <list type="bullet">
/// <item>an unquoted <c>=</c> is always a word of its own;</item>
/// <item>a <c>#</c> outside quotes starts a comment; inside quotes it is a parse error;</item>
/// <item><c>\</c> makes the next byte literal; a backslash-newline continues the line;</item>
/// <item>a newline inside quotes is dropped and the quoted word continues on the next line;</item>
/// <item>bytes outside 0x20..0x7F are dropped whenever they would be added to a word;</item>
/// <item>at most <see cref="MaxWords"/> words per line and <see cref="MaxWordLength"/> characters per
/// word; the excess is dropped silently.</item>
/// </list>
/// </summary>
public sealed class NutTokenizer
{
    /// <summary>NUT's default limit on words per logical line (protects against a line of thousands of words).</summary>
    public const int DefaultMaxWords = 32;
    /// <summary>NUT's default limit on characters per word (protects against a 10 MB "word").</summary>
    public const int DefaultMaxWordLength = 512;

    enum State { FindWordStart, Collect, CollectLiteral, QuoteCollect, QuoteLiteral, FindEol }

    readonly List<string> _words = new(8);
    readonly StringBuilder _word = new(64);
    State _state = State.FindWordStart;
    bool _inWord;
    int _discarded;

    public NutTokenizer(int maxWords = DefaultMaxWords, int maxWordLength = DefaultMaxWordLength)
    {
        MaxWords = maxWords;
        MaxWordLength = maxWordLength;
    }

    public int MaxWords { get; }
    public int MaxWordLength { get; }

    /// <summary>The words of the line just completed (valid until the next <see cref="Feed"/>).</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The message of the last <see cref="TokenizerResult.Error"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>How many bytes the character filter has dropped so far (NUT logs each one: "addchar: discarding invalid character").</summary>
    public int DiscardedBytes => _discarded;

    /// <summary>True while a line is partly read (words or a word in progress, or inside quotes).</summary>
    public bool HasPendingInput => _words.Count > 0 || _inWord || _state != State.FindWordStart;

    bool _lineComplete;

    /// <summary>Feeds one byte.</summary>
    public TokenizerResult Feed(byte b)
    {
        if (_lineComplete)
        {
            _words.Clear();
            _lineComplete = false;
            Error = null;
        }

        switch (_state)
        {
            case State.FindWordStart:
                return FindWordStart(b);

            case State.FindEol:
                if (b == '\n')
                    return EndLine();
                return TokenizerResult.None;

            case State.Collect:
                switch (b)
                {
                    case (byte)'#':
                        EndWord();
                        _state = State.FindEol;
                        return TokenizerResult.None;
                    case (byte)'\n':
                        EndWord();
                        return EndLine();
                    case (byte)'\\':
                        _state = State.CollectLiteral;
                        return TokenizerResult.None;
                    case (byte)'=':
                        EndWord();
                        AddWord("=");
                        _state = State.FindWordStart;
                        return TokenizerResult.None;
                }
                if (IsSpace(b))
                {
                    EndWord();
                    _state = State.FindWordStart;
                    return TokenizerResult.None;
                }
                AddChar(b);
                return TokenizerResult.None;

            case State.CollectLiteral:
                // A backslash-newline continues the word on the next line.
                if (b != '\n')
                    AddChar(b);
                _state = State.Collect;
                return TokenizerResult.None;

            case State.QuoteCollect:
                switch (b)
                {
                    case (byte)'#':
                        EndWord();
                        Error = "Unbalanced word due to unescaped # in quotes";
                        _state = State.FindWordStart;
                        _lineComplete = true;
                        return TokenizerResult.Error;
                    case (byte)'"':
                        EndWord();
                        _state = State.FindWordStart;
                        return TokenizerResult.None;
                    case (byte)'\\':
                        _state = State.QuoteLiteral;
                        return TokenizerResult.None;
                }
                AddChar(b); // a newline here is dropped by the filter: the quoted word goes on
                return TokenizerResult.None;

            case State.QuoteLiteral:
                // A backslash-newline inside quotes is dropped without the filter's complaint (NUT logs none).
                if (b != '\n')
                    AddChar(b);
                _state = State.QuoteCollect;
                return TokenizerResult.None;
        }
        return TokenizerResult.None;
    }

    TokenizerResult FindWordStart(byte b)
    {
        switch (b)
        {
            case (byte)'\n':
                return EndLine();
            case (byte)'#':
                _state = State.FindEol;
                return TokenizerResult.None;
            case (byte)'\\':
                _inWord = true;
                _state = State.CollectLiteral;
                return TokenizerResult.None;
            case (byte)'"':
                _inWord = true;
                _state = State.QuoteCollect;
                return TokenizerResult.None;
            case (byte)'=':
                AddWord("=");
                return TokenizerResult.None;
        }
        if (IsSpace(b))
            return TokenizerResult.None;
        _inWord = true;
        _state = State.Collect;
        AddChar(b);
        return TokenizerResult.None;
    }

    /// <summary>
    /// End of input (a file's end). NUT's quirk: the pending line is returned only if at least one
    /// word was already complete, so a last one-word line without a newline is lost.
    /// </summary>
    public TokenizerResult Finish()
    {
        if (_lineComplete)
        {
            _words.Clear();
            _lineComplete = false;
        }
        TokenizerResult result = TokenizerResult.None;
        if (_words.Count > 0)
        {
            // NUT ends the pending word only if it holds characters: a last line "a \" or 'a "' gives just "a".
            if (_word.Length > 0)
                EndWord();
            _lineComplete = true;
            result = TokenizerResult.Line;
        }
        else
        {
            _word.Clear();
            _inWord = false;
        }
        _state = State.FindWordStart;
        return result;
    }

    /// <summary>Forgets any partial line (used by the sockets after a parse error drops the rest of a read).</summary>
    public void Reset()
    {
        _words.Clear();
        _word.Clear();
        _inWord = false;
        _lineComplete = false;
        _state = State.FindWordStart;
        Error = null;
    }

    TokenizerResult EndLine()
    {
        _state = State.FindWordStart;
        _lineComplete = true;
        return TokenizerResult.Line;
    }

    void EndWord()
    {
        if (!_inWord)
            return;
        AddWord(RecentWords.Get(_word));
        _word.Clear();
        _inWord = false;
    }

    void AddWord(string word)
    {
        if (_words.Count < MaxWords)
            _words.Add(word);
    }

    void AddChar(byte b)
    {
        _inWord = true;
        if (b < 0x20 || b > 0x7F)
        {
            _discarded++;
            return;
        }
        if (_word.Length < MaxWordLength)
            _word.Append((char)b);
    }

    // C isspace() in the "C" locale: space, \t, \n, \v, \f, \r.
    static bool IsSpace(byte b) => b == ' ' || (b >= 9 && b <= 13);

    /// <summary>Tokenizes a whole text in the files' way (errors resume after the offending byte).</summary>
    public static List<TokenizedLine> TokenizeFile(ReadOnlySpan<byte> content,
        int maxWords = DefaultMaxWords, int maxWordLength = DefaultMaxWordLength)
    {
        var lines = new List<TokenizedLine>();
        var tokenizer = new NutTokenizer(maxWords, maxWordLength);
        int lineNumber = 1;      // physical line of the byte being read
        int startLine = 1;       // physical line where the current logical line began
        bool started = false;
        foreach (byte b in content)
        {
            if (!started && b != '\n')
            {
                startLine = lineNumber;
                started = true;
            }
            var r = tokenizer.Feed(b);
            if (r != TokenizerResult.None)
            {
                lines.Add(new TokenizedLine(started ? startLine : lineNumber, [.. tokenizer.Words], tokenizer.Error)
                {
                    NutLineNumber = lines.Count + 1,
                });
                started = false;
            }
            if (b == '\n')
                lineNumber++;
        }
        if (tokenizer.Finish() == TokenizerResult.Line)
            lines.Add(new TokenizedLine(startLine, [.. tokenizer.Words], null) { NutLineNumber = lines.Count + 1 });
        return lines;
    }

    /// <summary>Tokenizes one protocol line given as text (convenience for tests and clients).</summary>
    public static TokenizedLine TokenizeLine(string line)
    {
        var tokenizer = new NutTokenizer();
        foreach (byte b in Encoding.Latin1.GetBytes(line))
        {
            var r = tokenizer.Feed(b);
            if (r != TokenizerResult.None)
                return new TokenizedLine(1, [.. tokenizer.Words], tokenizer.Error) { NutLineNumber = 1 };
        }
        tokenizer.Feed((byte)'\n');
        return new TokenizedLine(1, [.. tokenizer.Words], tokenizer.Error) { NutLineNumber = 1 };
    }
}

/// <summary>One logical line of a tokenized file: where it began, its words, and the parse error if any.</summary>
public sealed record TokenizedLine(int LineNumber, string[] Words, string? Error)
{
    public bool IsError => Error is not null;

    /// <summary>
    /// The line number NUT itself prints ("Parse error: file:N", upsmon's "file line N"): NUT counts logical
    /// lines — empty and comment lines included, a line continued with backslash-newline or a newline inside
    /// quotes counted once, the rest of a line after a parse error counted as a new one — so it drifts from
    /// <see cref="LineNumber"/> (the physical line where this line began) after such lines. Observed on 2.8.0.
    /// </summary>
    public int NutLineNumber { get; init; }
}
