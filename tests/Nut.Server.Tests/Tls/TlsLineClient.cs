using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Nut.Platform.Tls;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// A raw protocol client that can switch to TLS after "OK STARTTLS" (through <see cref="TlsClientUpgrade"/>),
/// for exact request and reply bytes inside TLS. <see cref="Exchange"/> reads a reply up to a unique sentinel
/// answer sent behind the request, so "no reply" and multi-line replies are both seen exactly.
/// </summary>
public sealed class TlsLineClient : IDisposable
{
    static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    readonly Socket _socket;
    Stream _stream;
    int _sentinels;

    public TlsLineClient(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect("127.0.0.1", port);
        _stream = new NetworkStream(_socket, ownsSocket: true);
    }

    public SslStream? Tls => _stream as SslStream;

    /// <summary>Sends STARTTLS and, on "OK STARTTLS", does the handshake. Returns the server's reply line.</summary>
    public async Task<string> StartTlsAsync(TlsClientOptions? options = null, string host = "localhost")
    {
        string reply = Request("STARTTLS");
        if (reply == "OK STARTTLS")
            _stream = await TlsClientUpgrade.UpgradeAsync(_stream, host, options ?? TlsClientOptions.NoVerification);
        return reply;
    }

    public void Send(string text)
    {
        _stream.Write(Encoding.Latin1.GetBytes(text));
        _stream.Flush();
    }

    /// <summary>One request line, its one-line reply (without the newline).</summary>
    public string Request(string line)
    {
        Send(line + "\n");
        return ReadLine() ?? throw new IOException("connection closed");
    }

    /// <summary>A reply line, or null at end of stream.</summary>
    public string? ReadLine()
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        using var cts = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            int n = _stream.ReadAsync(one, cts.Token).AsTask().GetAwaiter().GetResult();
            if (n == 0) return sb.Length == 0 ? null : sb.ToString();
            if (one[0] == '\n') return sb.ToString();
            sb.Append((char)one[0]);
        }
    }

    /// <summary>
    /// Sends <paramref name="line"/> and returns exactly what the server answered to it (several lines, or
    /// nothing). Null when the server closed the connection.
    /// </summary>
    public string? Exchange(string line)
    {
        Send(line + "\n");
        string tag = $"sentinel-{++_sentinels}";
        string sentinelReply = $"VAR {tag} server.version \"2.8.0\"";
        try
        {
            Send($"GET VAR {tag} server.version\n");
        }
        catch (IOException)
        {
            return ReadToEnd();
        }
        var all = new StringBuilder();
        while (true)
        {
            string? reply;
            try { reply = ReadLine(); }
            catch (IOException) { reply = null; }
            if (reply is null)
                return all.Length == 0 ? null : all.ToString();
            if (reply == sentinelReply)
                return all.ToString();
            all.Append(reply).Append('\n');
        }
    }

    /// <summary>Everything until the server closes (e.g. after LOGOUT or a failed handshake).</summary>
    public string ReadToEnd()
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            int n;
            try { n = _stream.ReadAsync(buffer, cts.Token).AsTask().GetAwaiter().GetResult(); }
            catch (IOException) { break; }
            if (n == 0) break;
            all.Write(buffer, 0, n);
        }
        return Encoding.Latin1.GetString(all.ToArray());
    }

    public void Dispose() => _stream.Dispose();
}
