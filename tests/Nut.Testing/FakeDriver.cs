using System.Net.Sockets;
using System.Text;

namespace Nut.Testing;

/// <summary>
/// A driver socket that answers DUMPALL with a fixed dump and PING with PONG, for states dummy-ups cannot
/// publish (enums, ranges, odd flags). Any number of clients; Dispose removes the socket.
/// </summary>
public sealed class FakeDriver : IDisposable
{
    readonly Socket _listener;
    readonly CancellationTokenSource _stop = new();
    readonly string _path;

    public FakeDriver(string socketPath, string dump)
    {
        _path = socketPath;
        File.Delete(socketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _ = Task.Run(() => AcceptLoop(dump.EndsWith("DUMPDONE\n", StringComparison.Ordinal) ? dump : dump + "DATAOK\nDUMPDONE\n"));
    }

    async Task AcceptLoop(string dump)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try { s = await _listener.AcceptAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(async () =>
            {
                using (s)
                {
                    var buffer = new byte[4096];
                    var pending = new StringBuilder();
                    try
                    {
                        while (true)
                        {
                            int n = await s.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                            if (n == 0) return;
                            pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                            string text = pending.ToString();
                            int nl;
                            while ((nl = text.IndexOf('\n')) >= 0)
                            {
                                string line = text[..nl].Trim();
                                text = text[(nl + 1)..];
                                string? reply = line == "DUMPALL" ? dump : line == "PING" ? "PONG\n" : null;
                                if (reply is not null)
                                    await s.SendAsync(Encoding.ASCII.GetBytes(reply), SocketFlags.None, _stop.Token);
                            }
                            pending.Clear().Append(text);
                        }
                    }
                    catch (Exception e) when (e is OperationCanceledException or SocketException) { }
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { File.Delete(_path); } catch (IOException) { }
    }
}
