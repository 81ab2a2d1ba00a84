using System.Net;
using System.Net.Sockets;
using System.Text;
using Nut.Server.Tests.Tls;
using Nut.Testing;

namespace Nut.Server.Tests;

/// <summary>
/// upsd's request path makes no garbage (issue 11): a GET VAR or a LIST VAR answered for the ten
/// thousandth time allocates nothing, so a busy server never pauses to collect it. Measured over the whole
/// process while one client, itself allocation-free (synchronous socket calls into fixed buffers), sends
/// requests to our upsd running in-process. A single object per request would be at least 24 bytes each.
/// </summary>
[Collection(nameof(AllocationTests))] // measured process-wide: nothing else may run meanwhile
public sealed class AllocationTests
{
    const string Dump = "SETINFO ups.status \"OL\"\nSETINFO battery.charge \"100\"\nSETINFO battery.runtime \"1800\"\n"
        + "SETINFO input.voltage \"230.1\"\nSETINFO ups.load \"17\"\nSETINFO device.model \"Back-UPS RS 1000MS\"\n"
        + "SETINFO ups.delay.shutdown \"20\"\nSETFLAGS ups.delay.shutdown RW STRING\nSETAUX ups.delay.shutdown 10\n";

    [Theory]
    [InlineData("GET VAR ups battery.charge\n", 1)]
    [InlineData("LIST VAR ups\n", 9)]
    [InlineData("GET VAR UPS BATTERY.CHARGE\n", 1)]
    public async Task RequestsAllocateNothing(string request, int replyLines)
    {
        using var dir = new TempDir("alloc");
        dir.Write("ups.conf", "[ups]\n\tdriver = dummy-ups\n\tport = x.dev\n");
        using var driver = new FakeDriver(dir["dummy-ups-ups"], Dump);
        await using var upsd = await InProcessUpsd.StartAsync(dir.FullPath, File.ReadAllText(dir["ups.conf"]), "");
        upsd.WaitForData("ups");

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Loopback, upsd.Port);
        byte[] req = Encoding.ASCII.GetBytes(request);
        byte[] buffer = new byte[16384];
        int Ask()
        {
            socket.Send(req);
            int have = 0, lines = 0;
            while (lines < replyLines)
            {
                int n = socket.Receive(buffer, have, buffer.Length - have, SocketFlags.None);
                if (n == 0)
                    return -1;
                for (int i = have; i < have + n; i++)
                    if (buffer[i] == '\n')
                        lines++;
                have += n;
            }
            return have;
        }

        int firstLength = Ask();
        string first = Encoding.ASCII.GetString(buffer, 0, firstLength);
        Assert.StartsWith(replyLines == 1 ? "VAR ups battery.charge \"100\"" : "BEGIN LIST VAR ups", first, StringComparison.OrdinalIgnoreCase);
        for (int i = 0; i < 2000; i++) // warm-up: buffers grown, caches filled
            Assert.Equal(firstLength, Ask());

        const int Requests = 20000;
        long Measure()
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            int wrong = 0;
            for (int i = 0; i < Requests; i++)
                if (Ask() != firstLength) // not Assert.Equal: xUnit's comparer allocates
                    wrong++;
            Assert.Equal(0, wrong);
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        // What the process allocates besides (the server's once-a-second sweep, the test host) is far below one
        // small object per request (20,000 x 24 bytes = 480,000 bytes).
        // Something else in the test host may allocate once in a while; a per-request allocation shows in every
        // measurement, so the best of three is what counts.
        const long Limit = 64 * 1024;
        long allocated = Measure();
        for (int attempt = 1; attempt < 3 && allocated >= Limit; attempt++)
            allocated = Math.Min(allocated, Measure());
        if (allocated >= Limit)
        {
            // Again with the runtime's allocation samples on (they allocate themselves), to name the culprit.
            using var sampler = new AllocationSampler();
            long again = Measure();
            Assert.Fail($"{allocated} bytes allocated over {Requests} requests ({allocated / (double)Requests:0.0} per request); "
                + $"again with sampling: {again} bytes; sampled types: {sampler.Summary()}");
        }
    }
}

[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTestsCollection;

/// <summary>The runtime's allocation samples (one event per ~100 KB allocated, with the type): names the culprit when the test fails.</summary>
sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    readonly System.Collections.Concurrent.ConcurrentBag<string> _types = [];

    public string Summary() => string.Join(", ", _types.GroupBy(t => t).Select(g => $"{g.Key} x{g.Count()}"));

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.PayloadNames is { } names && e.Payload is { } payload)
            _types.Add(payload[names.IndexOf("TypeName")]?.ToString() ?? "?");
    }
}
