using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>Reading a NUT configuration file: the bytes, tokenized, with NUT's messages when it is missing.</summary>
public static class ConfigFile
{
    /// <summary>Reads a whole file; throws <see cref="ConfigException"/> with NUT's "stat" wording when it is missing.</summary>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"stat {path}: {Reason(e)}");
        }
    }

    /// <summary>The C library's wording for a file error.</summary>
    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };

    /// <summary>True when others may read the file (NUT warns: passwords live in it).</summary>
    public static bool IsWorldReadable(string path)
    {
        try
        {
            return (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Tokenizes a file's content; parse errors become diagnostics (NUT logs and skips the line).</summary>
    public static IEnumerable<TokenizedLine> Lines(string fileName, ReadOnlySpan<byte> content, List<ConfigDiagnostic> diagnostics)
    {
        var result = new List<TokenizedLine>();
        foreach (var line in NutTokenizer.TokenizeFile(content))
        {
            if (line.IsError)
                diagnostics.Add(new ConfigDiagnostic(fileName, line.LineNumber, "Parse error: " + line.Error, IsError: true));
            else if (line.Words.Length > 0)
                result.Add(line);
        }
        return result;
    }
}
