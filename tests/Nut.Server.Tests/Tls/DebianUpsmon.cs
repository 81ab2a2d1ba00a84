using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Starts Debian's upsmon (one process, <c>-p</c>, in the foreground). Its PID file path is compiled in
/// (/run/nut/upsmon.pid) and a second upsmon refuses to start while one runs, so when possible each one gets
/// a private /run/nut in its own mount namespace (unshare), and several test runs can go on at once;
/// otherwise they take turns through a machine-wide lock file.
/// </summary>
public static class DebianUpsmon
{
    static readonly Lazy<bool> s_privateRunDir = new(() =>
    {
        try
        {
            return Proc.Run("unshare", ["--mount", "sh", "-c", "mount -t tmpfs tmpfs /run/nut"], timeout: TimeSpan.FromSeconds(10)).ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return false;
        }
    });

    public static Daemon Start(string confFile, string workDir)
    {
        Directory.CreateDirectory("/run/nut");
        string upsmon = Paths.Debian("upsmon");
        string[] args = ["-F", "-p", "-f", confFile];
        return s_privateRunDir.Value
            ? Proc.Start("unshare", ["--mount", "sh", "-c", "mount -t tmpfs tmpfs /run/nut && exec \"$0\" \"$@\"", upsmon, .. args], null, workDir)
            : Proc.Start("sh", ["-c", "exec 9>/tmp/nutsharp-debian-upsmon.lock && flock 9 && rm -f /run/nut/upsmon.pid && exec \"$0\" \"$@\"", upsmon, .. args], null, workDir);
    }
}
