namespace Nut.Testing;

/// <summary>A scratch directory removed on dispose. Mode 0755 so Debian's daemons (run as root with -u root) can use it.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "nutsharp")
    {
        FullPath = Directory.CreateTempSubdirectory(prefix + "-").FullName;
        File.SetUnixFileMode(FullPath, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    public string FullPath { get; }

    public string this[string relative] => Path.Combine(FullPath, relative);

    public string Write(string relative, string content)
    {
        string path = Path.Combine(FullPath, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(FullPath, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
