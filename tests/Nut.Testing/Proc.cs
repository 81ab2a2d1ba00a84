using System.Diagnostics;
using System.Text;

namespace Nut.Testing;

/// <summary>The outcome of a program that ran to its end.</summary>
public sealed record ProcResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>Runs real processes for integration and interop tests: signals, exit codes and output are part of NUT's contract.</summary>
public static class Proc
{
    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>) and captures its output.</summary>
    public static ProcResult Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null,
        TimeSpan? timeout = null, string? stdin = null, string? workDir = null)
    {
        var psi = Info(file, args, env, workDir);
        psi.RedirectStandardInput = true;
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin is not null)
            p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time\n{stdout}\n{stderr}");
        }
        p.WaitForExit();
        return new ProcResult(p.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a long-running program (a daemon in the foreground); dispose to stop it.</summary>
    public static Daemon Start(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? workDir = null)
    {
        var psi = Info(file, args, env, workDir);
        return new Daemon(Process.Start(psi)!);
    }

    static ProcessStartInfo Info(string file, IEnumerable<string> args, IDictionary<string, string>? env, string? workDir)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workDir is not null)
            psi.WorkingDirectory = workDir;
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env)
                psi.Environment[k] = v;
        return psi;
    }
}

/// <summary>A running process whose output is collected; Dispose stops it (SIGTERM, then SIGKILL).</summary>
public sealed class Daemon : IDisposable
{
    readonly StringBuilder _output = new();

    public Daemon(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }
    public int Pid => Process.Id;
    public bool HasExited => Process.HasExited;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public void Signal(int signal) => Posix.Kill(Pid, signal);

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>Waits (up to <paramref name="seconds"/>) until <paramref name="condition"/> holds; fails with the
    /// process's output when it does not, or when the process has ended meanwhile.</summary>
    public void WaitUntil(Func<bool> condition, string what, double seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > end || HasExited)
                throw new TimeoutException($"waited in vain for {what}:\n{Output}");
            Thread.Sleep(50);
        }
    }

    bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!Process.HasExited)
        {
            Posix.Kill(Pid, Posix.SIGTERM);
            if (!Process.WaitForExit(3000))
                Process.Kill(entireProcessTree: true);
        }
        Process.WaitForExit();
        Process.Dispose();
    }
}
