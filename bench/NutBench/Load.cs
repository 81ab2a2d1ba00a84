using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NutBench;

/// <summary>What one load phase measured.</summary>
public sealed record LoadResult(long Requests, double Seconds, double P50Us, double P99Us, int Errors)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// The load generator: N connections, each sending a request and waiting for its whole reply before the next
/// (request/response, as NUT clients do), timing every request. Async sockets, buffers reused per connection.
/// </summary>
public static class Load
{
    /// <summary>True when the bytes so far end a reply: one line for GET, "END LIST" for LIST.</summary>
    public delegate bool ReplyDone(ReadOnlySpan<byte> reply);

    public static ReplyDone OneLine => r => r.Length > 0 && r[^1] == '\n';

    public static ReplyDone UntilEndList => r =>
    {
        if (r.Length == 0 || r[^1] != '\n') return false;
        int start = r[..^1].LastIndexOf((byte)'\n') + 1;
        return r[start..].StartsWith("END LIST"u8);
    };

    public static async Task<LoadResult> RunAsync(int port, int clients, TimeSpan duration, string request, ReplyDone done)
    {
        byte[] req = Encoding.ASCII.GetBytes(request);
        var sockets = new List<Socket>(clients);
        for (int i = 0; i < clients; i += 64)
        {
            var batch = Enumerable.Range(i, Math.Min(64, clients - i)).Select(async _ =>
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await s.ConnectAsync(IPAddress.Loopback, port);
                return s;
            });
            sockets.AddRange(await Task.WhenAll(batch));
        }
        // Warm-up: one answered request per connection before the window opens.
        await Task.WhenAll(sockets.Select(s => OneRequest(s, req, new byte[1 << 16], done)));
        var latencies = new List<long>[clients];
        int errors = 0;
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sockets.Select(async (s, i) =>
        {
            var mine = latencies[i] = new List<long>(4096);
            var buffer = new byte[1 << 16];
            while (Stopwatch.GetTimestamp() < end)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (!await OneRequest(s, req, buffer, done)) { Interlocked.Increment(ref errors); break; }
                mine.Add(Stopwatch.GetTimestamp() - t0);
            }
        }));
        double seconds = clock.Elapsed.TotalSeconds;
        foreach (var s in sockets) s.Dispose();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Us(double q) => all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, q * all.Length)] * 1e6 / Stopwatch.Frequency;
        return new LoadResult(all.Length, seconds, Us(0.5), Us(0.99), errors);
    }

    static async Task<bool> OneRequest(Socket s, byte[] request, byte[] buffer, ReplyDone done)
    {
        try
        {
            await s.SendAsync(request, SocketFlags.None);
            int have = 0;
            while (true)
            {
                int n = await s.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None);
                if (n == 0) return false;
                have += n;
                if (done(buffer.AsSpan(0, have))) return true;
                if (have == buffer.Length) have = 0; // keep only the tail of very long replies
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Opens <paramref name="count"/> idle connections (64 connects pending at most) and checks each answers.</summary>
    public static async Task<(List<Socket> Sockets, double OpenSeconds, int Answered)> HoldAsync(int port, int count)
    {
        var clock = Stopwatch.StartNew();
        var sockets = new List<Socket>(count);
        using var pending = new SemaphoreSlim(64);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await pending.WaitAsync();
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await s.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(30));
                lock (sockets) sockets.Add(s);
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                s.Dispose(); // refused or reset: counted as not answered
            }
            finally { pending.Release(); }
        });
        await Task.WhenAll(tasks);
        double open = clock.Elapsed.TotalSeconds;
        int answered = 0;
        var ver = "VER\n"u8.ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(sockets.Select(async s =>
        {
            try
            {
                if (await OneRequestWithTimeout(s, ver, cts.Token)) Interlocked.Increment(ref answered);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException) { }
        }));
        return (sockets, open, answered);
    }

    static async Task<bool> OneRequestWithTimeout(Socket s, byte[] request, CancellationToken ct)
    {
        await s.SendAsync(request, SocketFlags.None, ct);
        var buffer = new byte[256];
        int have = 0;
        while (true)
        {
            int n = await s.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, ct);
            if (n == 0) return false;
            have += n;
            if (buffer[have - 1] == '\n') return true;
        }
    }

    /// <summary>Connect, one GET, close — as upsc does — for a while with W workers; returns connections/s.</summary>
    public static async Task<double> ChurnAsync(int port, int workers, TimeSpan duration, string request)
    {
        byte[] req = Encoding.ASCII.GetBytes(request);
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var buffer = new byte[1024];
            while (Stopwatch.GetTimestamp() < end)
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await s.ConnectAsync(IPAddress.Loopback, port);
                if (await OneRequest(s, req, buffer, OneLine)) Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }
}
