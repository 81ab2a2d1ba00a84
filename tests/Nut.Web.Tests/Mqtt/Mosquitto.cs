using System.Net.Sockets;
using Nut.Testing;

namespace Nut.Web.Tests.Mqtt;

/// <summary>
/// Debian's mosquitto on 127.0.0.1 and a free port, anonymous, nothing persisted (a restart forgets every retained
/// message, which is what the reconnect test needs to see republished). Stop and Start keep the port.
/// Missing mosquitto is a failure, not a skip: scripts/install-test-deps.sh installs it.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    public const string Program = "/usr/sbin/mosquitto";

    readonly TempDir _dir = new("mosquitto");
    Daemon? _daemon;
    string _log = "";

    public Mosquitto(int? port = null)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"Debian's mosquitto is not installed ({Program} is missing): run scripts/install-test-deps.sh");
        Port = port ?? FreePort.Next();
        // "user root": mosquitto started as root otherwise switches to the mosquitto user, who may not exist here.
        _dir.Write("mosquitto.conf", $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nuser root\nlog_dest stdout\n");
    }

    public int Port { get; }

    /// <summary>The broker's output so far, including that of earlier runs.</summary>
    public string Output => _log + (_daemon?.Output ?? "");

    public Mosquitto Start()
    {
        _daemon = Proc.Start(Program, ["-c", _dir["mosquitto.conf"]]);
        var end = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_daemon.HasExited)
                throw new InvalidOperationException("mosquitto exited: " + Output);
            try
            {
                using var c = new TcpClient("127.0.0.1", Port);
                return this;
            }
            catch (SocketException) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Stop()
    {
        if (_daemon is null)
            return;
        _daemon.Dispose();
        _log += _daemon.Output;
        _daemon = null;
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }
}
