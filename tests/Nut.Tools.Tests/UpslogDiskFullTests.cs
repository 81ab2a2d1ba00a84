using System.Text.RegularExpressions;
using Nut.Testing;

namespace Nut.Tools.Tests;

/// <summary>
/// upslog on a disk that fills up and frees again (a 64 KiB tmpfs; the tests run as root): it keeps running,
/// says so once, leaves no partial line, and logs again when there is room. The log file is set up to end 10
/// bytes before a page boundary, so the first line that does not fit is written in part by the kernel (a short
/// write) before ENOSPC: the case that leaves a torn line behind. Debian's upslog 2.8.0, same setup: no message
/// at all, the lines are lost, and the fragment stays, the next line glued to it ("20261130 020261130 082607 ...").
/// </summary>
[Collection("processes")]
public sealed partial class UpslogDiskFullTests
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    const string Format = "%ETIME% [%VAR ups.status%] end";

    /// <summary>A whole record of <see cref="Format"/>.</summary>
    [GeneratedRegex(@"^\d{10} \[[A-Z ]+\] end$")]
    private static partial Regex Record();

    static void Run(string file, params string[] args)
    {
        var r = Proc.Run(file, args, timeout: TimeSpan.FromSeconds(20));
        Assert.True(r.ExitCode == 0, $"{file} {string.Join(' ', args)}: {r}");
    }

    static void WaitFor(Func<bool> condition, string what, Daemon process)
    {
        var end = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, $"timed out waiting for {what}\n{process.Output}");
            Assert.False(process.HasExited, $"upslog ended while waiting for {what}\n{process.Output}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Fills the file system: 4 KiB blocks, then single bytes, until it refuses.</summary>
    static void Fill(string path)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var block = new byte[4096];
        try { while (true) f.Write(block); }
        catch (IOException) { }
        try { while (true) f.Write(block.AsSpan(0, 1)); }
        catch (IOException) { }
    }

    [Fact]
    public void AFullDiskLosesLinesButNeverTearsOneAndLoggingResumes()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]).Start();
        using var dir = new TempDir("upslog-full");
        string mount = dir["logs"];
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", mount);
        try
        {
            string log = Path.Combine(mount, "ups.log");
            // Whole records, ending 10 bytes short of the first page's end.
            var old = string.Concat(Enumerable.Repeat("1600000000 [OL] end\n", 202)) + string.Concat(Enumerable.Repeat("1600000000 [OL LB] end\n", 2));
            Assert.Equal(4096 - 10, old.Length);
            File.WriteAllText(log, old);
            Fill(Path.Combine(mount, "fill"));
            // The trap is real: a plain append of one more line now leaves its first 10 bytes behind.
            using (var probe = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1))
            {
                Assert.Throws<IOException>(() => probe.Write("1700000000 [OL] end\n"u8));
                Assert.Equal(4096, new FileInfo(log).Length);
                probe.SetLength(old.Length);
            }

            using var upslog = Proc.Start(Paths.Ours("upslog"), ["-F", "-i", "1", "-s", $"dev@127.0.0.1:{stack.Port}", "-l", log,
                "-p", dir["upslog.pid"], "-f", Format], stack.Env);
            WaitFor(() => upslog.Output.Contains("Can't write to log file", StringComparison.Ordinal), "the write error", upslog);
            Thread.Sleep(3500); // three more lines that do not fit
            Assert.False(upslog.HasExited, upslog.Output);
            Assert.Equal(old, File.ReadAllText(log)); // the short write was cut back: not a byte of a torn line
            string error = $"Can't write to log file {log}: No space left on device; lines are dropped (never half written) until it can be written again";
            Assert.Single(upslog.Output.Split('\n'), l => l.Contains("Can't write to log file", StringComparison.Ordinal));
            Assert.Contains(error, upslog.Output);

            File.Delete(Path.Combine(mount, "fill"));
            WaitFor(() => File.ReadAllLines(log).Length >= 204 + 2, "lines after space came back", upslog);
            var lines = File.ReadAllLines(log);
            Assert.All(lines, l => Assert.Matches(Record(), l));
            Assert.Contains(lines[204..], l => l.Contains(" [OL] ", StringComparison.Ordinal)); // real values, from upsd
            Assert.Matches($@"Log file {Regex.Escape(log)} is writable again; \d+ lines could not be written", upslog.Output);
            Assert.EndsWith("\n", File.ReadAllText(log));
        }
        finally
        {
            Proc.Run("umount", ["-l", mount], timeout: TimeSpan.FromSeconds(20));
        }
    }
}
