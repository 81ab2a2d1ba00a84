using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Server.Tests;

/// <summary>
/// Bad input (issue 2): each case gets NUT's answer (the same bytes Debian's upsd gives) or a clear error,
/// and our upsd keeps serving every other client. Runs our upsd with Debian's dummy-ups. The cases run twice:
/// with upsd's epoll loops (<see cref="BadInputTests"/>) and on .NET's sockets, the path STARTTLS clients and
/// NUTSHARP_UPSD_EPOLL=0 take (<see cref="BadInputOnNetSocketsTests"/>).
/// </summary>
public sealed class BadInputTests(BadInputTests.Stacks stacks) : BadInputCases(stacks), IClassFixture<BadInputTests.Stacks>
{
    public sealed class Stacks() : BadInputStacks(netSockets: false);
}

public sealed class BadInputOnNetSocketsTests(BadInputOnNetSocketsTests.Stacks stacks) : BadInputCases(stacks), IClassFixture<BadInputOnNetSocketsTests.Stacks>
{
    public sealed class Stacks() : BadInputStacks(netSockets: true);
}

public abstract class BadInputStacks : IDisposable
{
    static IReadOnlyList<StackUps> Upses => [new StackUps("dev", Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev"))];

    protected BadInputStacks(bool netSockets)
    {
        Ours = new NutStack(Impl.Ours, Impl.Debian, Upses);
        if (netSockets)
            Ours.UpsdEnv["NUTSHARP_UPSD_EPOLL"] = "0";
        Ours.Start();
        Debian = new NutStack(Impl.Debian, Impl.Debian, Upses).Start();
    }

    public NutStack Ours { get; }
    public NutStack Debian { get; }

    public void Dispose()
    {
        Ours.Dispose();
        Debian.Dispose();
    }
}

public abstract class BadInputCases
{
    readonly BadInputStacks _stacks;
    protected BadInputCases(BadInputStacks stacks) => _stacks = stacks;

    /// <summary>Sends the same bytes to both servers; returns (Debian's answer, ours) and checks ours still serves.</summary>
    (string Expected, string Actual) Both(byte[] request)
    {
        using var d = _stacks.Debian.Connect();
        using var o = _stacks.Ours.Connect();
        string expected = d.Exchange(request) ?? "<closed>";
        string actual = o.Exchange(request) ?? "<closed>";
        StillServes();
        return (expected, actual);
    }

    void StillServes()
    {
        using var c = _stacks.Ours.Connect();
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
    }

    static byte[] Bytes(string s) => Encoding.Latin1.GetBytes(s);

    [Fact]
    public void ALineOfGarbage()
    {
        var (expected, actual) = Both([0xff, 0x00, 0x13, (byte)'x', (byte)'y', 0x80, 0x7f, (byte)'\n']);
        Assert.Equal("ERR UNKNOWN-COMMAND\n", actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ALineOfTenThousandBytes()
    {
        var (expected, actual) = Both(Bytes("GET VAR " + new string('a', 10_000) + " server.version\n"));
        Assert.Equal(expected, actual);
        Assert.Equal(512, actual.Length); // NUT cuts a reply at 512 characters, newline lost
        var (e2, a2) = Both(Bytes(new string('x', 10_000) + "\n"));
        Assert.Equal("ERR UNKNOWN-COMMAND\n", a2);
        Assert.Equal(e2, a2);
    }

    [Fact]
    public void ALineWithAHundredWords()
    {
        string words = string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i));
        var (expected, actual) = Both(Bytes("GET VAR dev ups.status " + words + "\n"));
        Assert.Equal("VAR dev ups.status \"OL\"\n", actual);
        Assert.Equal(expected, actual);
        var (e2, a2) = Both(Bytes("VER " + words + "\n"));
        Assert.Equal("ERR INVALID-ARGUMENT\n", a2);
        Assert.Equal(e2, a2);
    }

    [Fact]
    public void NonAsciiBytesAreDropped()
    {
        var (expected, actual) = Both(Bytes("GET VAR d\u00e9v ups.status\n"));
        Assert.Equal("ERR UNKNOWN-UPS\n", actual); // Latin-1 0xE9 is dropped: the UPS name becomes "dv"
        Assert.Equal(expected, actual);
        var (e2, a2) = Both([.. Bytes("GET VAR "), 0xc3, 0xa9, .. Bytes("dev ups.status\n")]);
        Assert.Equal("VAR dev ups.status \"OL\"\n", a2);
        Assert.Equal(e2, a2);
    }

    [Fact]
    public void AClientThatSendsHalfALineAndGoesSilentBlocksNobody()
    {
        using var silent = new TcpClient("127.0.0.1", _stacks.Ours.Port);
        silent.GetStream().Write(Bytes("GET VAR dev ups.sta"));
        using var stuckReader = new TcpClient("127.0.0.1", _stacks.Ours.Port);
        // A client that asks for a lot and never reads its replies.
        var flood = new StringBuilder();
        for (int i = 0; i < 2000; i++) flood.Append("LIST VAR dev\n");
        stuckReader.GetStream().Write(Bytes(flood.ToString()));
        for (int i = 0; i < 20; i++)
            StillServes();
    }

    /// <summary>
    /// Three hundred LIST VARs and a LOGOUT in one write, read only after a pause: the replies (about a
    /// megabyte) overflow the socket, so upsd must keep the rest, wait for the client to read, and close only
    /// once the last reply and "OK Goodbye" are out.
    /// </summary>
    [Fact]
    public void PipelinedRequestsOverflowingTheSocketAreAllAnsweredInOrder()
    {
        const int Count = 300;
        using var c = new TcpClient("127.0.0.1", _stacks.Ours.Port);
        var s = c.GetStream();
        s.Write(Bytes(string.Concat(Enumerable.Repeat("LIST VAR dev\n", Count)) + "LOGOUT\n"));
        Thread.Sleep(300);
        s.ReadTimeout = 30_000;
        using var all = new MemoryStream();
        s.CopyTo(all); // until upsd closes the connection
        string[] lines = Encoding.Latin1.GetString(all.ToArray()).Split('\n');
        Assert.Equal(Count, lines.Count(l => l == "BEGIN LIST VAR dev"));
        Assert.Equal(Count, lines.Count(l => l == "END LIST VAR dev"));
        Assert.Equal(["OK Goodbye", ""], lines[^2..]);
        Assert.Equal("END LIST VAR dev", lines[^3]);
        StillServes();
    }

    [Fact]
    public async Task TwoThousandClientsAtOnce()
    {
        const int Count = 2000;
        var clients = new List<TcpClient>(Count);
        try
        {
            var connects = Enumerable.Range(0, Count).Select(async _ =>
            {
                var c = new TcpClient();
                await c.ConnectAsync("127.0.0.1", _stacks.Ours.Port);
                lock (clients) clients.Add(c);
            }).ToArray();
            await Task.WhenAll(connects).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(Count, clients.Count);
            var answers = clients.Select(async c =>
            {
                var s = c.GetStream();
                await s.WriteAsync(Bytes("VER\n"));
                var buffer = new byte[256];
                int n = 0;
                while (n == 0 || buffer[n - 1] != '\n')
                {
                    int r = await s.ReadAsync(buffer.AsMemory(n));
                    if (r == 0) break;
                    n += r;
                }
                return Encoding.ASCII.GetString(buffer, 0, n);
            }).ToArray();
            var replies = await Task.WhenAll(answers).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.All(replies, a => Assert.Equal("Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\n", a));
            StillServes();
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }
}
