using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Nut.Core.Config;
using Nut.Core.State;
using Nut.Core.Text;
using Nut.Server;

namespace Nut.Benchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

/// <summary>The tokenizer on the lines upsd sees most, and on a config file.</summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    static readonly byte[] Get = Encoding.ASCII.GetBytes("GET VAR ups battery.charge\n");
    static readonly byte[] Quoted = Encoding.ASCII.GetBytes("SET VAR ups ups.id \"a \\\"quoted\\\" value\"\n");
    static readonly byte[] File = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $"[ups{i}]\n\tdriver = dummy-ups\n\tport = u{i}.dev\n\tdesc = \"UPS number {i}\"\n")));
    readonly NutTokenizer _tokenizer = new();

    int Feed(byte[] line)
    {
        int words = 0;
        foreach (byte b in line)
            if (_tokenizer.Feed(b) == TokenizerResult.Line)
                words += _tokenizer.Words.Count;
        return words;
    }

    [Benchmark] public int GetVarLine() => Feed(Get);
    [Benchmark] public int QuotedLine() => Feed(Quoted);
    [Benchmark] public int UpsConfFile() => NutTokenizer.TokenizeFile(File).Count;
}

/// <summary>The protocol handler answering GET VAR and LIST VAR from a snapshot, as upsd does per request.</summary>
[MemoryDiagnoser]
public class RequestHandlerBenchmarks
{
    sealed class Context : IUpsdContext
    {
        public Context(UpsEntry ups) => UpsList = [ups];
        public UpsEntry? FindUps(string name) => UpsList.FirstOrDefault(u => u.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        public IReadOnlyList<UpsEntry> UpsList { get; }
        public UpsdUsers Users { get; } = UpsdUsers.Parse("upsd.users", []);
        public CmdVarTab Descriptions { get; } = CmdVarTab.Empty;
        public TrackingTable Tracking { get; } = new(TimeProvider.System);
        public IEnumerable<ClientState> Clients => [];
        public bool TlsConfigured => false;
    }

    readonly RequestHandler _handler;
    readonly ClientState _client = new("127.0.0.1");
    readonly StringBuilder _output = new();
    readonly string[] _get = ["GET", "VAR", "ups", "server.version"];

    public RequestHandlerBenchmarks()
    {
        var state = new UpsState();
        for (int i = 0; i < 60; i++)
            state.SetInfo($"var.number.{i}", $"value {i}");
        var ups = new UpsEntry("ups", "dummy-ups", "x.dev", null) { Data = UpsSnapshot.From(state) };
        _handler = new RequestHandler(new Context(ups));
    }

    [Benchmark]
    public int GetServerVersion()
    {
        _output.Clear();
        _handler.Handle(_client, _get, _output);
        return _output.Length;
    }

    [Benchmark]
    public int SnapshotOf60Variables()
    {
        var state = new UpsState();
        for (int i = 0; i < 60; i++)
            state.SetInfo($"var.number.{i}", "v");
        return UpsSnapshot.From(state).Sorted.Length;
    }
}
