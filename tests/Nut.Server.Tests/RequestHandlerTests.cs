using System.Text;
using Nut.Core.Config;
using Nut.Core.Text;

namespace Nut.Server.Tests;

/// <summary>The protocol handler in-process, with a fake server: check order and exact reply bytes.</summary>
public sealed class RequestHandlerTests
{
    sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long GetTimestamp() => Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    sealed class FakeServer : IUpsdContext
    {
        public List<UpsEntry> Upses { get; } = [new UpsEntry("dev", "dummy-ups", "x.dev", "Rack \"A\""), new UpsEntry("plain", "dummy-ups", "y.dev", null)];
        public ManualClock Clock { get; } = new();
        public UpsEntry? FindUps(string name) => Upses.FirstOrDefault(u => u.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        public IReadOnlyList<UpsEntry> UpsList => Upses;
        public UpsdUsers Users { get; } = UpsdUsers.Parse("upsd.users", Encoding.ASCII.GetBytes("[admin]\npassword = pw\nactions = SET FSD\ninstcmds = ALL\n[mon]\npassword = m\nupsmon primary\n"));
        public CmdVarTab Descriptions { get; } = CmdVarTab.Empty;
        public TrackingTable Tracking => _tracking ??= new TrackingTable(Clock);
        TrackingTable? _tracking;
        public List<ClientState> Connected { get; } = [];
        public IEnumerable<ClientState> Clients => Connected;
        public bool TlsConfigured => false;
    }

    readonly FakeServer _server = new();
    readonly ClientState _client = new("127.0.0.1");

    string Send(string line)
    {
        var output = new StringBuilder();
        new RequestHandler(_server).Handle(_client, NutTokenizer.TokenizeLine(line).Words, output);
        return output.ToString();
    }

    [Fact]
    public void VersionsAndHelp()
    {
        Assert.Equal("Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\n", Send("VER"));
        Assert.Equal("1.3\n", Send("netver"));
        Assert.Equal("1.3\n", Send("PROTVER"));
        Assert.Equal("ERR INVALID-ARGUMENT\n", Send("HELP x"));
        Assert.Equal("ERR UNKNOWN-COMMAND\n", Send(""));
        Assert.Equal("ERR FEATURE-NOT-CONFIGURED\n", Send("STARTTLS"));
    }

    [Fact]
    public void AuthenticationIsCheckedBeforeArguments()
    {
        Assert.Equal("ERR USERNAME-REQUIRED\n", Send("SET"));
        Assert.Equal("OK\n", Send("USERNAME admin"));
        Assert.Equal("ERR PASSWORD-REQUIRED\n", Send("INSTCMD"));
        Assert.Equal("ERR ALREADY-SET-USERNAME\n", Send("USERNAME x"));
        Assert.Equal("OK\n", Send("PASSWORD wrong"));
        Assert.Equal("ERR INVALID-ARGUMENT\n", Send("SET"));
        Assert.Equal("ERR ACCESS-DENIED\n", Send("FSD dev"));  // wrong password: denied only when used
        Assert.Equal("ERR UNKNOWN-UPS\n", Send("FSD nosuch")); // the UPS is looked up first
    }

    [Fact]
    public void FsdLatchPrefixesTheStatusAndNeedsTheRight()
    {
        Send("USERNAME mon");
        Send("PASSWORD m");
        Assert.Equal("OK FSD-SET\n", Send("FSD DEV"));
        Assert.True(_server.Upses[0].Fsd);
        Assert.Equal("OK MASTER-GRANTED\n", Send("MASTER dev"));
        Assert.Equal("OK PRIMARY-GRANTED\n", Send("primary dev"));
        Assert.Equal("OK\n", Send("LOGIN dev"));
        Assert.Equal(1, _server.Upses[0].NumLogins);
        Assert.Equal("ERR ALREADY-LOGGED-IN\n", Send("LOGIN plain"));
        _server.Connected.Add(_client);
        Assert.Equal("BEGIN LIST CLIENT Dev\nCLIENT dev 127.0.0.1\nEND LIST CLIENT Dev\n", Send("LIST CLIENT Dev"));
    }

    [Fact]
    public void DescriptionsAndServerVariables()
    {
        Assert.Equal("UPSDESC dev \"Rack \\\"A\\\"\"\n", Send("GET UPSDESC dev"));
        Assert.Equal("UPSDESC plain \"Unavailable\"\n", Send("GET UPSDESC plain"));
        Assert.Equal("BEGIN LIST UPS\nUPS dev \"Rack \\\"A\\\"\"\nUPS plain \"Description unavailable\"\nEND LIST UPS\n", Send("LIST UPS"));
        Assert.Equal("VAR any server.version \"2.8.0\"\n", Send("GET VAR any SERVER.VERSION"));
        Assert.Equal("ERR DRIVER-NOT-CONNECTED\n", Send("GET VAR dev ups.status"));
        Assert.Equal("ERR DRIVER-NOT-CONNECTED\n", Send("GET NUMLOGINS dev"));
    }

    [Fact]
    public void LongRepliesAreCutAt512CharactersWithoutNewline()
    {
        string name = new('u', 600); // the tokenizer keeps 512 of them
        string reply = Send($"GET VAR {name} server.version");
        Assert.Equal(512, reply.Length);
        Assert.DoesNotContain('\n', reply);
    }

    [Fact]
    public void TrackingIdsArePendingThenForgottenAfterTheDelay()
    {
        var tracking = _server.Tracking;
        tracking.Lifetime = TimeSpan.FromSeconds(10);
        string id = tracking.Add();
        Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$", id);
        Send("USERNAME a");
        Send("PASSWORD b");
        Assert.Equal("ERR FEATURE-NOT-CONFIGURED\n", Send($"GET TRACKING {id}"));
        Assert.Equal("OK\n", Send("SET TRACKING on"));
        Assert.Equal("ON\n", Send("GET TRACKING"));
        Assert.Equal("PENDING\n", Send($"GET TRACKING {id}"));
        tracking.Complete(id, 3);
        Assert.Equal("ERR FAILED\n", Send($"GET TRACKING {id}"));
        _server.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("ERR UNKNOWN\n", Send($"GET TRACKING {id}"));
    }
}
