using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nut.Monitor.Tests;

/// <summary>One HTTP request an <see cref="HttpSink"/> received.</summary>
sealed record HttpCall(string Method, string PathAndQuery, Dictionary<string, string> Headers, string Body);

/// <summary>A local HTTP endpoint (127.0.0.1) that records every request and answers with <see cref="Status"/>
/// — a stand-in for a webhook receiver, ntfy, Telegram or Gotify.</summary>
sealed class HttpSink : IDisposable
{
    readonly HttpListener _listener = new();
    readonly List<HttpCall> _calls = [];

    public HttpSink()
    {
        for (int tries = 0; ; tries++)
        {
            Port = Nut.Testing.FreePort.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (tries < 5) { }
        }
        _ = Task.Run(Serve);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    /// <summary>The status code answered (a queue of them first, when given).</summary>
    public int Status { get; set; } = 200;
    public Queue<int> NextStatuses { get; } = new();

    public List<HttpCall> Calls { get { lock (_calls) return [.. _calls]; } }

    async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            lock (_calls)
                _calls.Add(new HttpCall(ctx.Request.HttpMethod, ctx.Request.Url!.PathAndQuery, headers, body));
            lock (NextStatuses)
                ctx.Response.StatusCode = NextStatuses.Count > 0 ? NextStatuses.Dequeue() : Status;
            ctx.Response.Close();
        }
    }

    public void WaitForCalls(int n, double seconds = 20)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (Calls.Count < n)
        {
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"{Calls.Count} of {n} HTTP requests arrived");
            Thread.Sleep(20);
        }
    }

    public void Dispose() => _listener.Close();
}

/// <summary>
/// A minimal SMTP server on 127.0.0.1 (no TLS, no auth) that keeps each message: the envelope and the data.
/// Enough for System.Net.Mail with EnableSsl off.
/// </summary>
sealed class SmtpSink : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly List<(string From, List<string> To, string Data)> _mails = [];

    public SmtpSink()
    {
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public List<(string From, List<string> To, string Data)> Mails { get { lock (_mails) return [.. _mails]; } }

    async Task Serve()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => Session(client));
        }
    }

    async Task Session(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            string verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO": await writer.WriteLineAsync("250-sink\r\n250 8BITMIME"); break;
                case "HELO": await writer.WriteLineAsync("250 sink"); break;
                case "MAIL": from = line[(line.IndexOf(':') + 1)..].Trim(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(line[(line.IndexOf(':') + 1)..].Trim()); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".")
                        data.Append(d).Append('\n');
                    lock (_mails)
                        _mails.Add((from, [.. to], data.ToString()));
                    to.Clear();
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
