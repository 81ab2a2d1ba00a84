using System.Diagnostics;

namespace Nut.Monitor.Common;

/// <summary>A message to everyone logged in (NUT pipes it into <c>wall</c>).</summary>
public interface IWall
{
    /// <summary>Sends <paramref name="text"/>; NUT writes it followed by a newline.</summary>
    void Send(string text);
}

/// <summary>
/// The real thing, as NUT's popen("wall", "w"): the shell finds <c>wall</c> on PATH (so a test can put a
/// recorder first on PATH) and gets the text and a newline on its standard input. Never waits: a stuck
/// wall must not stall monitoring.
/// </summary>
public sealed class WallCommand : IWall
{
    public static readonly WallCommand Instance = new();

    public void Send(string text)
    {
        Process p;
        try
        {
            var psi = new ProcessStartInfo(ShellCommandRunner.Shell) { UseShellExecute = false, RedirectStandardInput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("wall");
            p = Process.Start(psi)!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            Nut.Platform.NutLog.Error("Can't invoke wall");
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                p.StandardInput.Write(text + "\n");
                p.StandardInput.Close();
                p.WaitForExit();
            }
            catch (IOException) { }
            finally
            {
                p.Dispose();
            }
        });
    }
}
