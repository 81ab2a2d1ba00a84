using Nut.Core.Text;

namespace Nut.Fuzz.Targets;

/// <summary>NUT's tokenizer (src/Nut.Core/Text/NutTokenizer.cs), as the config files use it (whole file) and as
/// the sockets use it (byte by byte, resetting after a parse error).</summary>
public static class TokenizerTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        foreach (var line in NutTokenizer.TokenizeFile(data))
        {
            if (line.Words.Length > NutTokenizer.DefaultMaxWords)
                throw new InvalidOperationException($"line {line.LineNumber}: {line.Words.Length} words, limit {NutTokenizer.DefaultMaxWords}");
            foreach (var word in line.Words)
            {
                if (word.Length > NutTokenizer.DefaultMaxWordLength)
                    throw new InvalidOperationException($"line {line.LineNumber}: word of {word.Length} characters");
                foreach (char c in word)
                    if (c < 0x20 || c > 0x7F)
                        throw new InvalidOperationException($"line {line.LineNumber}: character {(int)c:x2} kept in a word");
            }
        }

        var tokenizer = new NutTokenizer();
        foreach (byte b in data)
            if (tokenizer.Feed(b) == TokenizerResult.Error)
                tokenizer.Reset();
        tokenizer.Finish();

        // What a client does with one reply line (Latin-1 text).
        int newline = data.IndexOf((byte)'\n');
        NutTokenizer.TokenizeLine(System.Text.Encoding.Latin1.GetString(newline >= 0 ? data[..newline] : data));
    }
}
