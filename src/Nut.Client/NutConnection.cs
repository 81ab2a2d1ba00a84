using System.Net.Sockets;
using System.Text;
using Nut.Core.Text;

namespace Nut.Client;

/// <summary>
/// One connection to a NUT server: request lines out, reply lines in (tokenized with NUT's tokenizer).
/// The typed calls wrap the protocol; errors come back as <see cref="NutClientException"/> with NUT's texts.
/// </summary>
public sealed class NutConnection : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    readonly Socket _socket;
    Stream _stream;
    readonly byte[] _buffer = new byte[8192];
    int _start, _end;

    NutConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Connects to host:port (every address the name resolves to, in turn).</summary>
    public static async Task<NutConnection> ConnectAsync(string host, int port, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        System.Net.IPAddress[] addresses;
        try
        {
            addresses = await System.Net.Dns.GetHostAddressesAsync(host, cts.Token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            throw new NutClientException("No such host");
        }
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, port, cts.Token).ConfigureAwait(false);
                return new NutConnection(socket);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                throw new NutClientException("Connection failure: Connection timed out");
            }
        }
        throw new NutClientException("Connection failure: " + (last is null ? "No such host" : Nut.Core.Text.SocketErrorText.Of(last)));
    }

    /// <summary>Sends one request line (newline added).</summary>
    public async Task SendAsync(string line, CancellationToken ct = default)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(line + "\n");
        try
        {
            await _stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NutClientException("Write error: " + e.Message);
        }
    }

    /// <summary>Reads one raw reply line (without the newline).</summary>
    public async Task<string> ReadLineAsync(CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Timeout);
        var sb = new StringBuilder();
        while (true)
        {
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (nl >= 0)
            {
                sb.Append(Encoding.Latin1.GetString(_buffer, _start, nl - _start));
                _start = nl + 1;
                return sb.ToString();
            }
            sb.Append(Encoding.Latin1.GetString(_buffer, _start, _end - _start));
            _start = _end = 0;
            int n;
            try
            {
                n = await _stream.ReadAsync(_buffer.AsMemory(), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new NutClientException("Read error: Connection timed out");
            }
            catch (IOException e)
            {
                throw new NutClientException("Read error: " + e.Message);
            }
            if (n == 0)
                throw new NutClientException("Server disconnected");
            _end = n;
        }
    }

    /// <summary>Sends a request and returns its one-line reply; ERR replies throw.</summary>
    public async Task<string> RequestAsync(string line, CancellationToken ct = default)
    {
        await SendAsync(line, ct).ConfigureAwait(false);
        string reply = await ReadLineAsync(ct).ConfigureAwait(false);
        if (reply.StartsWith("ERR ", StringComparison.Ordinal))
            throw NutClientException.FromErrLine(reply);
        return reply;
    }

    /// <summary>Runs a LIST query; returns the tokenized item lines (BEGIN/END checked).</summary>
    public async Task<List<string[]>> ListAsync(string query, CancellationToken ct = default)
    {
        string first = await RequestAsync("LIST " + query, ct).ConfigureAwait(false);
        var begin = NutTokenizer.TokenizeLine(first).Words;
        if (begin.Length < 2 || begin[0] != "BEGIN" || begin[1] != "LIST")
            throw new NutClientException("Protocol error");
        var items = new List<string[]>();
        while (true)
        {
            string line = await ReadLineAsync(ct).ConfigureAwait(false);
            var words = NutTokenizer.TokenizeLine(line).Words;
            if (words.Length >= 2 && words[0] == "END" && words[1] == "LIST")
                return items;
            items.Add(words);
        }
    }

    /// <summary>LIST VAR: every variable of a UPS as (name, value), in the server's order.</summary>
    public async Task<List<KeyValuePair<string, string>>> ListVariablesAsync(string ups, CancellationToken ct = default)
    {
        var items = await ListAsync("VAR " + NutQuoting.ClientArgument(ups), ct).ConfigureAwait(false);
        return items.Where(w => w.Length >= 4 && w[0] == "VAR").Select(w => new KeyValuePair<string, string>(w[2], w[3])).ToList();
    }

    /// <summary>GET VAR: one value.</summary>
    public async Task<string> GetVariableAsync(string ups, string name, CancellationToken ct = default)
    {
        string reply = await RequestAsync($"GET VAR {NutQuoting.ClientArgument(ups)} {NutQuoting.ClientArgument(name)}", ct).ConfigureAwait(false);
        var w = NutTokenizer.TokenizeLine(reply).Words;
        if (w.Length < 4 || w[0] != "VAR")
            throw new NutClientException("Protocol error");
        return w[3];
    }

    /// <summary>Replaces the byte stream (after STARTTLS, with an SslStream over the old one).</summary>
    public void ReplaceStream(Stream stream)
    {
        _stream = stream;
        _start = _end = 0;
    }

    public Stream Stream => _stream;

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
