using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// A TCP relay between clients and a upsd that keeps every byte the clients sent, so a test can prove what
/// went over the wire in clear — e.g. that a client which demands TLS never sent USERNAME or PASSWORD
/// unencrypted. Each connection is relayed both ways until either side closes.
/// </summary>
public sealed class RecordingProxy : IDisposable
{
    readonly TcpListener _listener;
    readonly int _target;
    readonly CancellationTokenSource _stop = new();
    readonly List<MemoryStream> _sent = [];

    public RecordingProxy(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections clients made.</summary>
    public int Connections { get { lock (_sent) return _sent.Count; } }

    /// <summary>What clients sent, one entry per connection, in Latin-1 (TLS records show as binary).</summary>
    public List<string> Sent
    {
        get
        {
            lock (_sent)
                return _sent.Select(m => { lock (m) return Encoding.Latin1.GetString(m.ToArray()); }).ToList();
        }
    }

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var record = new MemoryStream();
            lock (_sent) _sent.Add(record);
            _ = Task.Run(() => Relay(client, record));
        }
    }

    async Task Relay(TcpClient client, MemoryStream record)
    {
        using var _ = client;
        using var server = new TcpClient { NoDelay = true };
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            var up = Pump(client.GetStream(), server.GetStream(), record);
            var down = Pump(server.GetStream(), client.GetStream(), null);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException) { }
    }

    async Task Pump(Stream from, Stream to, MemoryStream? record)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (record is not null)
                    lock (record) record.Write(buffer, 0, n);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
