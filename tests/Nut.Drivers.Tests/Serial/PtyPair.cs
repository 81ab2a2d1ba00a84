using System.Diagnostics;
using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// A serial line made of two ptys joined by socat (testdata/serial/PTY-SIMULATION.md): the driver opens
/// <see cref="HostEnd"/>, a simulated UPS opens <see cref="DeviceEnd"/>. Both are links in a temp folder.
/// </summary>
public sealed class PtyPair : IDisposable
{
    readonly Process _socat;
    readonly TempDir _dir = new("pty");

    public PtyPair()
    {
        HostEnd = _dir["ups-host"];
        DeviceEnd = _dir["ups-device"];
        var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { $"pty,raw,echo=0,link={HostEnd}", $"pty,raw,echo=0,link={DeviceEnd}" })
            psi.ArgumentList.Add(a);
        _socat = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start (scripts/install-test-deps.sh installs it)");
        var end = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(HostEnd) && File.Exists(DeviceEnd)))
        {
            if (_socat.HasExited || DateTime.UtcNow > end)
                throw new InvalidOperationException("socat made no pty pair: " + _socat.StandardError.ReadToEnd());
            Thread.Sleep(20);
        }
    }

    public string HostEnd { get; }
    public string DeviceEnd { get; }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _socat.Dispose();
        _dir.Dispose();
    }
}
