using System.Net.Sockets;
using System.Text;

namespace Nut.Testing;

/// <summary>
/// A raw TCP client for protocol tests: sends exact bytes and reads exact replies. To know where a reply
/// ends — including "no reply at all" — <see cref="Exchange"/> sends a sentinel request after the request
/// under test, in a separate write, and reads up to the sentinel's answer. The sentinel's answer must be
/// unique (a numbered server.version query), or a request with the same answer would be mistaken for it.
/// </summary>
public sealed class LineClient : IDisposable
{
    int _sentinels;
    readonly TcpClient _tcp;
    readonly NetworkStream _stream;
    readonly MemoryStream _pending = new();

    public LineClient(string host, int port)
    {
        _tcp = new TcpClient(host, port) { NoDelay = true };
        _stream = _tcp.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    /// <summary>Connects to a server that may still be starting: retries refused connections for <paramref name="seconds"/>.</summary>
    public static LineClient ConnectWhenListening(string host, int port, double seconds = 20)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                return new LineClient(host, port);
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(50);
            }
        }
    }

    public NetworkStream Stream => _stream;

    public void Send(string text) => SendBytes(Encoding.Latin1.GetBytes(text));

    public void SendBytes(byte[] bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    /// <summary>Sends one line and returns its one-line reply (without newline).</summary>
    public string Request(string line)
    {
        Send(line + "\n");
        return ReadLine();
    }

    public string ReadLine()
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = _stream.ReadByte();
            if (b < 0 || b == '\n') return sb.ToString();
            sb.Append((char)b);
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (bytes, newline included by the caller), then the sentinel, and returns
    /// exactly what the server answered to the request. Null when the server closed the connection.
    /// </summary>
    public string? Exchange(byte[] request, bool expectClose = false)
    {
        SendBytes(request);
        if (expectClose)
            return ReadToEnd();
        Thread.Sleep(15); // a separate read() on the server: a parse error discards only its own chunk
        string tag = $"sentinel-{++_sentinels}";
        string sentinelReply = $"VAR {tag} server.version \"2.8.0\"\n";
        SendBytes(Encoding.ASCII.GetBytes($"GET VAR {tag} server.version\n"));
        var all = new StringBuilder();
        var buffer = new byte[65536];
        while (true)
        {
            string text = all.ToString();
            if (text.EndsWith(sentinelReply, StringComparison.Ordinal))
                return text[..^sentinelReply.Length];
            int n;
            try { n = _stream.Read(buffer); }
            catch (IOException) { return text.Length == 0 ? null : text; }
            if (n == 0)
                return text.Length == 0 ? null : text;
            all.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    string ReadToEnd()
    {
        var all = new StringBuilder();
        var buffer = new byte[65536];
        while (true)
        {
            int n;
            try { n = _stream.Read(buffer); }
            catch (IOException) { break; }
            if (n == 0) break;
            all.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        return all.ToString();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
