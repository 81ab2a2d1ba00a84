using Nut.Testing;

namespace Nut.Tools.Tests;

/// <summary>
/// upsc, upscmd and upsrw (issue 3): for every option and error path, our tool and Debian's, run the same way
/// against the same server (Debian's upsd and ours), print the same stdout and stderr and exit the same.
/// </summary>
public sealed class ClientToolsTests : IClassFixture<ClientToolsTests.Servers>
{
    /// <summary>Both servers, each with a real device dump (dev) and a fake driver with enums and ranges (enum).</summary>
    public sealed class Servers : IDisposable
    {
        public const string EnumDump = """
            SETINFO device.type "ups"
            SETINFO input.transfer.high "264"
            ADDENUM input.transfer.high "253"
            ADDENUM input.transfer.high "264"
            ADDENUM input.transfer.high "271"
            SETFLAGS input.transfer.high RW NUMBER
            SETINFO input.sensitivity "M"
            ADDENUM input.sensitivity "L"
            ADDENUM input.sensitivity "M"
            ADDENUM input.sensitivity "H"
            SETAUX input.sensitivity 1
            SETFLAGS input.sensitivity RW STRING
            SETINFO battery.charge.low "30"
            ADDRANGE battery.charge.low 10 40
            ADDRANGE battery.charge.low 50 90
            SETFLAGS battery.charge.low RW NUMBER
            SETINFO ups.beeper.status "enabled"
            ADDENUM ups.beeper.status "enabled"
            ADDENUM ups.beeper.status "disabled"
            SETFLAGS ups.beeper.status RW
            SETINFO ups.delay.shutdown "20"
            SETFLAGS ups.delay.shutdown RW
            SETINFO ups.id "my \"quoted\" id"
            SETAUX ups.id 16
            SETFLAGS ups.id RW STRING
            SETINFO ups.status "OL"
            ADDCMD beeper.disable
            ADDCMD test.battery.start
            ADDCMD weird.command

            """;

        static IReadOnlyList<StackUps> Upses =>
        [
            new StackUps("dev", Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev"), Desc: "Rack UPS"),
            new StackUps("enum", "/none.dev", RunDriver: false),
        ];

        readonly List<FakeDriver> _fakes = [];

        public NutStack Debian { get; }
        public NutStack Ours { get; }

        public Servers()
        {
            Debian = Make(Impl.Debian);
            Ours = Make(Impl.Ours);
        }

        NutStack Make(Impl impl)
        {
            var stack = new NutStack(impl, impl, Upses);
            _fakes.Add(new FakeDriver(stack.Dir["dummy-ups-enum"], EnumDump));
            stack.Start();
            return stack;
        }

        public void Dispose()
        {
            Debian.Dispose();
            Ours.Dispose();
            foreach (var f in _fakes) f.Dispose();
        }
    }

    readonly Servers _servers;
    public ClientToolsTests(Servers servers) => _servers = servers;

    /// <summary>Runs Debian's tool and ours with the same arguments against <paramref name="server"/> and compares.</summary>
    void Same(NutStack server, string program, string[] args, string? stdin = null)
    {
        string[] a = args.Select(x => x.Replace("PORT", server.Port.ToString())).ToArray();
        var expected = Proc.Run(Paths.Debian(program), a, server.Env, TimeSpan.FromSeconds(30), stdin);
        var actual = Proc.Run(Paths.Ours(program), a, server.Env, TimeSpan.FromSeconds(30), stdin);
        string what = $"{program} {string.Join(' ', a)} (against {server.UpsdImpl}'s upsd)";
        Assert.True(expected.ExitCode == actual.ExitCode, $"{what}: exit {actual.ExitCode}, Debian's {expected.ExitCode}\n{actual}");
        Assert.True(expected.Stdout == actual.Stdout, $"{what}: stdout differs\n--- Debian\n{expected.Stdout}--- ours\n{actual.Stdout}");
        // getopt names the program by its path.
        Assert.True(expected.Stderr.Replace(Paths.Debian(program), program) == actual.Stderr,
            $"{what}: stderr differs\n--- Debian\n{expected.Stderr}--- ours\n{actual.Stderr}");
    }

    void OnBoth(string program, params string[] args)
    {
        Same(_servers.Debian, program, args);
        Same(_servers.Ours, program, args);
    }

    [Theory]
    [InlineData("dev@127.0.0.1:PORT")]
    [InlineData("dev@127.0.0.1:PORT", "ups.status")]
    [InlineData("DEV@127.0.0.1:PORT", "Battery.Charge")]
    [InlineData("enum@127.0.0.1:PORT")]
    [InlineData("dev@127.0.0.1:PORT", "nosuch.var")]
    [InlineData("dev@127.0.0.1:PORT", "oldstyle")]
    [InlineData("nosuch@127.0.0.1:PORT")]
    [InlineData("gone@127.0.0.1:PORT")]
    [InlineData("-l", "127.0.0.1:PORT")]
    [InlineData("-L", "127.0.0.1:PORT")]
    [InlineData("-c", "dev@127.0.0.1:PORT")]
    [InlineData("-c", "nosuch@127.0.0.1:PORT")]
    [InlineData("-l", "127.0.0.1:")]
    [InlineData("-l", "127.0.0.1:0")]
    [InlineData("dev@127.0.0.1:1")]
    [InlineData("-l", "127.0.0.1:1")]
    [InlineData()]
    [InlineData("-h")]
    [InlineData("-V")]
    [InlineData("-z")]
    public void Upsc(params string[] args) => OnBoth("upsc", args);

    [Theory]
    [InlineData("-l", "dev@127.0.0.1:PORT")]
    [InlineData("-l", "enum@127.0.0.1:PORT")]
    [InlineData("-l", "nosuch@127.0.0.1:PORT")]
    [InlineData("-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT", "load.off")]
    [InlineData("-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT", "load.off", "5")]
    [InlineData("-u", "admin", "-p", "mypass", "-w", "dev@127.0.0.1:PORT", "load.off")]
    [InlineData("-u", "admin", "-p", "wrong", "dev@127.0.0.1:PORT", "load.off")]
    [InlineData("-u", "nobody", "-p", "x", "dev@127.0.0.1:PORT", "load.off")]
    [InlineData("-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT", "load.on")]
    [InlineData("-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT", "oldname")]
    [InlineData("-u", "admin", "-p", "mypass", "nosuch@127.0.0.1:PORT", "load.off")]
    [InlineData("-u", "admin", "-p", "mypass", "dev@127.0.0.1:1", "load.off")]
    [InlineData("dev@127.0.0.1:PORT")]
    [InlineData()]
    [InlineData("-h")]
    [InlineData("-V")]
    public void Upscmd(params string[] args) => OnBoth("upscmd", args);

    [Fact]
    public void UpscmdAsksForTheUserAndPassword()
    {
        Same(_servers.Ours, "upscmd", ["dev@127.0.0.1:PORT", "load.off"], stdin: "admin\nmypass\n");
        Same(_servers.Ours, "upscmd", ["-p", "mypass", "dev@127.0.0.1:PORT", "load.off"], stdin: "admin\n");
    }

    [Theory]
    [InlineData("dev@127.0.0.1:PORT")]
    [InlineData("-l", "enum@127.0.0.1:PORT")]
    [InlineData("enum@127.0.0.1:PORT")]
    [InlineData("-s", "ups.id=abc", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "ups.id=01234567890123456789", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "device.type=x", "-u", "admin", "-p", "mypass", "enum@127.0.0.1:PORT")]
    [InlineData("-s", "input.sensitivity=X", "-u", "admin", "-p", "mypass", "enum@127.0.0.1:PORT")]
    [InlineData("-s", "battery.charge.low=45", "-u", "admin", "-p", "mypass", "enum@127.0.0.1:PORT")]
    [InlineData("-s", "ups.id=with space", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "ups.id=tracked", "-u", "admin", "-p", "mypass", "-w", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "ups.id=x", "-u", "mon", "-p", "monpw", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "oldname=x", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT")]
    [InlineData("-s", "nosuch.var=x", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT")]
    [InlineData("nosuch@127.0.0.1:PORT")]
    [InlineData("dev@127.0.0.1:1")]
    [InlineData()]
    [InlineData("-h")]
    [InlineData("-V")]
    public void Upsrw(params string[] args) => OnBoth("upsrw", args);

    [Fact]
    public void UpsrwAsksForTheValue()
    {
        Same(_servers.Ours, "upsrw", ["-s", "ups.id", "-u", "admin", "-p", "mypass", "dev@127.0.0.1:PORT"], stdin: "typed\n");
    }

    [Fact]
    public void UpscJsonAsNut285()
    {
        var server = _servers.Ours;
        string upsc = Paths.Ours("upsc");
        Assert.Equal("[\n  \"dev\",\n  \"enum\"\n]\n", server.Run(upsc, "-j", "-l", $"127.0.0.1:{server.Port}").Stdout);
        Assert.Equal("{\n  \"dev\": \"Rack UPS\",\n  \"enum\": \"Description unavailable\"\n}\n", server.Run(upsc, "-j", "-L", $"127.0.0.1:{server.Port}").Stdout);
        Assert.Equal("\"my \\\"quoted\\\" id\"\n", server.Run(upsc, "-j", $"enum@127.0.0.1:{server.Port}", "ups.id").Stdout);
        var all = server.Run(upsc, "-j", $"enum@127.0.0.1:{server.Port}");
        Assert.StartsWith("{\n  \"battery.charge.low\": \"30\",\n", all.Stdout);
        Assert.EndsWith("  \"ups.status\": \"OL\"\n}\n", all.Stdout);
        var error = server.Run(upsc, "-j", $"enum@127.0.0.1:{server.Port}", "nosuch.var");
        Assert.Equal(1, error.ExitCode);
        Assert.Equal("{\n  \"error\": \"Variable not supported by UPS\"\n}\n", error.Stdout);
        Assert.EndsWith("Error: Variable not supported by UPS\n", error.Stderr);
    }
}
