using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// The same conversations inside TLS with Debian's upsd (its NSS build: CERTPATH/CERTIDENT on an NSS
/// database) and with ours (CERTFILE, the same certificate as PEM), both serving one Debian dummy-ups: every
/// reply byte for byte, and Debian's own upsc (NSS, "try SSL") printing the same on both.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class TlsDifferentialTests(TestPki pki, ITestOutputHelper output)
{
    static string DeviceFile => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    /// <summary>Sent one by one inside TLS; the replies of both servers must be identical.</summary>
    static readonly string[] InsideTls =
    [
        "STARTTLS", "starttls", "STARTTLS extra words", "VER", "NETVER", "PROTVER", "HELP",
        "LIST UPS", "LIST VAR dev", "LIST RW dev", "LIST CMD dev", "GET VAR dev ups.status", "GET TYPE dev ups.status",
        "GET DESC dev ups.status", "GET CMDDESC dev load.off", "GET UPSDESC dev", "GET NUMLOGINS dev",
        "GET VAR nosuch ups.status", "LIST VAR nosuch", "BOGUS", "LOGIN dev",
        "USERNAME admin", "PASSWORD mypass", "SET VAR dev no.such.var x", "INSTCMD dev nosuch.cmd", "STARTTLS",
        "USERNAME again", "LOGIN dev", "LOGIN dev", "GET NUMLOGINS dev", "FSD dev", "PRIMARY dev",
    ];

    /// <summary>What comes before the handshake, in clear.</summary>
    static readonly string[] BeforeTls = ["HELP", "VER"];

    [Fact]
    public async Task RepliesInsideTlsAreIdenticalToDebiansNssUpsd()
    {
        using var stack = DebianTlsStack();
        await using var ours = await OursOn(stack);
        ours.WaitForData("dev");

        var expected = Converse(stack.Port);
        var actual = Converse(ours.Port);
        int lines = 0;
        foreach (var (request, reply) in expected)
        {
            Assert.True(actual.TryGetValue(request, out var ourReply), $"no reply recorded for {request}");
            Assert.True(reply == ourReply, $"request: {request}\nDebian: {Show(reply)}\nours:   {Show(ourReply)}");
            lines++;
        }
        output.WriteLine($"{lines} requests inside TLS: identical replies from Debian's NSS upsd and ours");
    }

    [Fact]
    public async Task StartTlsVariantsBeforeTlsAreIdentical()
    {
        using var stack = DebianTlsStack();
        await using var ours = await OursOn(stack);
        foreach (string variant in new[] { "STARTTLS", "starttls", "StartTLS", "STARTTLS now" })
        {
            string debian = FirstReply(stack.Port, variant);
            string our = FirstReply(ours.Port, variant);
            Assert.True(debian == our, $"{variant}: Debian {Show(debian)}, ours {Show(our)}");
        }
    }

    [Fact]
    public async Task DebiansUpscPrintsTheSameThroughTlsToEitherUpsd()
    {
        using var stack = DebianTlsStack();
        await using var ours = await OursOn(stack);
        ours.WaitForData("dev");
        string upsc = Paths.Debian("upsc");
        foreach (var args in new[] { new[] { "dev@localhost:{0}" }, ["dev@127.0.0.1:{0}", "ups.status"], ["-l", "localhost:{0}"],
                     ["-L", "localhost:{0}"], ["dev@localhost:{0}", "no.such.var"], ["nosuch@localhost:{0}"] })
        {
            var debian = Proc.Run(upsc, args.Select(a => string.Format(a, stack.Port)), timeout: TimeSpan.FromSeconds(20));
            var our = Proc.Run(upsc, args.Select(a => string.Format(a, ours.Port)), timeout: TimeSpan.FromSeconds(20));
            string label = "upsc " + string.Join(' ', args);
            Assert.Equal(debian.ExitCode, our.ExitCode);
            Assert.True(debian.Stdout == our.Stdout, $"{label}\nDebian stdout:\n{debian.Stdout}\nours:\n{our.Stdout}");
            Assert.True(debian.Stderr.Replace(stack.Port.ToString(), "PORT") == our.Stderr.Replace(ours.Port.ToString(), "PORT"),
                $"{label}\nDebian stderr:\n{debian.Stderr}\nours:\n{our.Stderr}");
            Assert.Contains("Connected to NUT server", our.Stderr); // it really was TLS
            output.WriteLine($"{label}: same exit code, stdout and stderr (TLS)");
        }
    }

    NutStack DebianTlsStack() =>
        new NutStack(Impl.Debian, Impl.Debian, [new StackUps("dev", DeviceFile)],
            extraUpsdConf: $"CERTPATH {pki.ServerNssDb}\nCERTIDENT \"{pki.ServerNssNickname}\" \"\"\n").Start();

    /// <summary>Our upsd, in this process, on the stack's driver sockets.</summary>
    Task<InProcessUpsd> OursOn(NutStack stack) =>
        InProcessUpsd.StartAsync(stack.Dir.FullPath, File.ReadAllText(stack.Dir["ups.conf"]), $"CERTFILE {pki.ServerPem}");

    static Dictionary<string, string?> Converse(int port)
    {
        var replies = new Dictionary<string, string?>();
        using var c = new TlsLineClient(port);
        foreach (var line in BeforeTls)
            replies["(clear) " + line] = c.Exchange(line);
        string ok = c.StartTlsAsync().GetAwaiter().GetResult();
        replies["(clear) STARTTLS"] = ok;
        Assert.Equal("OK STARTTLS", ok);
        for (int i = 0; i < InsideTls.Length; i++)
            replies[$"#{i} {InsideTls[i]}"] = c.Exchange(InsideTls[i]);
        replies["LOGOUT"] = c.Exchange("LOGOUT");
        return replies;
    }

    static string FirstReply(int port, string line)
    {
        using var c = new TlsLineClient(port);
        return c.Request(line);
    }

    static string Show(string? s) => s is null ? "(connection closed)" : "\"" + s.Replace("\n", "\\n") + "\"";
}
