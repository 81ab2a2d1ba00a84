using System.Text;
using Nut.Core.Config;
using Nut.Core.State;
using Nut.Core.Text;
using Nut.Server;

namespace Nut.Fuzz.Targets;

/// <summary>
/// upsd's request path (src/Nut.Server/ClientSession.cs + RequestHandler.cs): the bytes a client sends, fed to the
/// tokenizer as the session does, each completed line answered by the real handler against a server with two
/// UPSes, a user with every right and one upsmon user. Errors are ERR replies, never exceptions.
/// </summary>
public static class UpsdRequestTarget
{
    static readonly UpsdUsers Users = UpsdUsers.Parse("upsd.users", Encoding.ASCII.GetBytes(
        "[admin]\npassword = pw\nactions = SET FSD\ninstcmds = ALL\n[mon]\npassword = m\nupsmon primary\n"));

    // What a driver published: plain, RW STRING, ENUM and RANGE variables and commands.
    static readonly UpsSnapshot Data = MakeSnapshot(
        "SETINFO ups.status \"OL CHRG\"", "SETINFO battery.charge 100", "SETINFO ups.mfr \"Acme \\\"X\\\"\"",
        "SETINFO ups.id rack1", "SETFLAGS ups.id RW STRING", "SETAUX ups.id 16",
        "SETINFO input.transfer.low 180", "SETFLAGS input.transfer.low RW", "ADDENUM input.transfer.low 170", "ADDENUM input.transfer.low 180",
        "SETINFO ups.delay.shutdown 20", "SETFLAGS ups.delay.shutdown RW NUMBER", "ADDRANGE ups.delay.shutdown 0 600",
        "ADDCMD load.off", "ADDCMD beeper.toggle", "ADDCMD test.battery.start.quick");

    sealed class Server : IUpsdContext
    {
        readonly List<UpsEntry> _upses;

        public Server(FixedClock clock)
        {
            Tracking = new TrackingTable(clock);
            _upses = [Entry("dev", "Rack \"A\"", clock), Entry("plain", null, clock)];
        }

        UpsEntry Entry(string name, string? desc, FixedClock clock)
        {
            var ups = new UpsEntry(name, "dummy-ups", name + ".dev", desc) { Data = Data };
            // A link that is up and fresh but has no socket: requests sent to the driver fail as a dead socket would.
            ups.Link = new DriverLink(ups, "/nonexistent/" + ups.SocketName, clock, () => 15, Tracking) { Connected = true };
            return ups;
        }

        public UpsEntry? FindUps(string name) => _upses.Find(u => u.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        public IReadOnlyList<UpsEntry> UpsList => _upses;
        public UpsdUsers Users => UpsdRequestTarget.Users;
        public CmdVarTab Descriptions => CmdVarTab.Empty;
        public TrackingTable Tracking { get; }
        public List<ClientState> Connected { get; } = [];
        public IEnumerable<ClientState> Clients => Connected;
        public bool TlsConfigured => true;
    }

    public static void Run(ReadOnlySpan<byte> data)
    {
        var server = new Server(new FixedClock());
        var client = new ClientState("127.0.0.1");
        server.Connected.Add(client);
        server.Connected.Add(new ClientState("::1"));
        var handler = new RequestHandler(server);
        var tokenizer = new NutTokenizer();
        var output = new StringBuilder();
        foreach (byte b in data)
        {
            switch (tokenizer.Feed(b))
            {
                case TokenizerResult.Line:
                    handler.Handle(client, tokenizer.Words, output);
                    if (client.CloseRequested)
                        return;
                    if (client.TlsRequested)
                    {
                        // The session would hand-shake here and go on reading with a new tokenizer.
                        client.TlsRequested = false;
                        client.IsTls = true;
                        tokenizer = new NutTokenizer();
                    }
                    break;
                case TokenizerResult.Error:
                    // The session drops the rest of that read; the next read starts clean.
                    tokenizer.Reset();
                    break;
            }
            if (output.Length > 1 << 16)
                output.Clear(); // the session writes the replies out; only their making is under test
        }
    }

    static UpsSnapshot MakeSnapshot(params string[] driverLines)
    {
        var state = new UpsState();
        foreach (var line in driverLines)
            state.ApplyDriverMessage(NutTokenizer.TokenizeLine(line).Words);
        return UpsSnapshot.From(state);
    }
}
