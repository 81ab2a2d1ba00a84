using System.Diagnostics;

namespace Nut.Platform;

/// <summary>
/// Going to the background the NUT way — the parent exits only once the daemon is ready (or with the daemon's
/// failure status and messages), so that `upsdrvctl start` and init scripts can rely on the exit status —
/// without fork(), which .NET cannot do: the program runs itself again, detached (setsid, no terminal), with
/// <see cref="ChildMarker"/> in its environment. Until it reports, its stderr goes to a file the parent shows
/// on failure; it reports through a status file (<see cref="ReportReady"/> / <see cref="ReportFailure"/>).
/// </summary>
public static class Background
{
    /// <summary>Set in the environment of the re-executed background copy.</summary>
    public const string ChildMarker = "NUTSHARP_BACKGROUND_CHILD";
    const string StatusFileVariable = "NUTSHARP_BACKGROUND_STATUS";

    static readonly string? s_statusFile = Environment.GetEnvironmentVariable(StatusFileVariable);

    /// <summary>True in the re-executed copy: it must not go to the background again.</summary>
    public static bool IsChild { get; } = Environment.GetEnvironmentVariable(ChildMarker) == "1";

    /// <summary>
    /// Starts the detached copy with <paramref name="args"/> and waits for its report. Returns the exit status
    /// the parent should exit with (0 when the child is up).
    /// </summary>
    public static int Launch(string[] args, TimeSpan timeout)
    {
        string dir = Directory.CreateTempSubdirectory("nutsharp-bg-").FullName;
        string status = Path.Combine(dir, "status"), log = Path.Combine(dir, "stderr");
        try
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            // setsid -f: a new session, always forked, so the daemon is nobody's child and has no terminal.
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("log=$1; shift; exec setsid -f \"$0\" \"$@\" </dev/null >/dev/null 2>\"$log\"");
            psi.ArgumentList.Add(SelfPath.Resolve());
            psi.ArgumentList.Add(log);
            foreach (var a in SelfPath.DispatchPrefix()) psi.ArgumentList.Add(a);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment[ChildMarker] = "1";
            psi.Environment[StatusFileVariable] = status;
            using (var sh = Process.Start(psi)!)
                sh.WaitForExit();

            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (File.Exists(status) && File.ReadAllText(status) is { Length: > 0 } text && text.EndsWith('\n'))
                {
                    int code = int.TryParse(text.Trim(), out int c) ? c : 1;
                    if (code != 0)
                        Console.Error.Write(ReadQuietly(log));
                    return code;
                }
                Thread.Sleep(10);
            }
            Console.Error.Write(ReadQuietly(log));
            Console.Error.WriteLine($"The background process did not report ready within {timeout.TotalSeconds:0} s");
            return 1;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    static string ReadQuietly(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
    }

    /// <summary>In the background copy: tell the waiting parent we are up (it exits 0).</summary>
    public static void ReportReady() => Report(0);

    /// <summary>In the background copy: tell the waiting parent we failed (it exits with this status).</summary>
    public static void ReportFailure(int exitCode) => Report(exitCode == 0 ? 1 : exitCode);

    static void Report(int code)
    {
        if (!IsChild || s_statusFile is null)
            return;
        try { File.WriteAllText(s_statusFile, code + "\n"); }
        catch (IOException) { }
    }

    /// <summary>In the child: forget the markers so programs we start do not think they are background copies.</summary>
    public static void DetachChild()
    {
        Environment.SetEnvironmentVariable(ChildMarker, null);
        Environment.SetEnvironmentVariable(StatusFileVariable, null);
    }
}
