using System.Text;
using Nut.Drivers.Qx.Usb;
using Nut.Drivers.Tests.Serial;

namespace Nut.Drivers.Tests.Usb;

/// <summary>
/// Each Q* USB subdriver against a fake bridge that implements the device side: the exact bytes of Q1 on the wire,
/// Q1 / F / I answers coming back intact, and an instant command reaching the UPS.
/// </summary>
public sealed class QxUsbSubdriverTests
{
    static (FakeQxUsbDevice Device, QxUsbLink Link, MegatecSimulator Ups) Make(FakeBridge bridge, int langIdFix = -1)
    {
        var ups = new MegatecSimulator();
        var device = new FakeQxUsbDevice(bridge, ups);
        return (device, new QxUsbLink(device, langIdFix), ups);
    }

    static string Send(IQxUsbSubdriver sub, QxUsbLink link, string command)
    {
        var buf = new byte[UsbQxPort.BufferSize];
        int n = sub.Command(link, command + "\r", buf);
        Assert.True(n > 0, $"{sub.Name} {command}: {n}");
        return QxUsbText.Answer(buf, n);
    }

    static string Hex(string s) => Convert.ToHexString(Encoding.Latin1.GetBytes(s)).ToLowerInvariant();

    /// <summary>The first wire entries a Q1 produces (what the host sends before the answer), per subdriver.</summary>
    public static TheoryData<string, FakeBridge, int, string[]> Q1Wire => new()
    {
        { "cypress", FakeBridge.Cypress, -1, ["set-report 0200 0000: 51310d0000000000"] },
        { "phoenix", FakeBridge.Phoenix, -1, ["interrupt-in 81 timeout", "set-report 0200 0000: 51310d0000000000"] },
        { "ippon", FakeBridge.Ippon, -1, ["set-report 0002 0000: 51310d0000000000"] },
        { "sgs", FakeBridge.Sgs, -1, ["set-report 0200 0000: 0351310d00000000"] },
        { "krauler", FakeBridge.Krauler, -1, ["get-string 00 lang 0000 len 255", "get-string 03 lang 0409 len 255"] },
        { "krauler", FakeBridge.Krauler, 0x4095, ["get-string 03 lang 4095 len 512"] },
        { "snr", FakeBridge.Snr, 0x0409, ["interrupt-in 81 timeout", "get-string 03 lang 0409 len 102"] },
        { "fabula", FakeBridge.Fabula, -1, ["get-string 00 lang 0000 len 255", "get-string 03 lang 0409 len 255"] },
        { "hunnox", FakeBridge.Hunnox, -1, ["get-string 00 lang 0409 len 1026", "get-string 00 lang 0409 len 1026", "get-string 01 lang 0409 len 1026", "get-string 00 lang 0000 len 255", "get-string 03 lang 0409 len 255"] },
        { "fuji", FakeBridge.Fuji, -1, ["interrupt-out 02: 800603035131002f"] },
        { "armac", FakeBridge.Armac, -1, ["set-report 0200 0000: a351310d"] },
        { "phoenixtec", FakeBridge.Phoenixtec, -1, ["vendor-out 0d 0000 0000: 51310d"] },
        { "ablerex", FakeBridge.Ablerex, -1, ["set-report 0305 0000: 05000351310d" + new string('0', 41 * 2), "wait 500 ms"] },
    };

    static IQxUsbSubdriver Named(string name) => QxUsbSubdrivers.ByName(QxUsbSubdrivers.NutdrvQxNames, name)!;

    [Theory]
    [MemberData(nameof(Q1Wire))]
    public void Q1FAndIGoThroughTheBridgeWithTheExactBytes(string name, FakeBridge bridge, int langIdFix, string[] wire)
    {
        var (device, link, ups) = Make(bridge, langIdFix);
        if (bridge == FakeBridge.Krauler && langIdFix != -1)
            device.OnlyLangId = (ushort)langIdFix;
        var sub = Named(name);

        Assert.Equal(ups.Q1() + "\r", Send(sub, link, "Q1"));
        Assert.Equal(wire, device.Wire.Take(wire.Length));
        // Whatever came back on the wire holds the answer's bytes in order (chunked by the bridge's framing).
        string inbound = string.Concat(device.Wire.Skip(wire.Length).Where(w => w.StartsWith("interrupt-in 81: ", StringComparison.Ordinal)).Select(w => w[17..]));
        if (bridge is FakeBridge.Cypress or FakeBridge.Phoenix or FakeBridge.Fuji or FakeBridge.Phoenixtec)
            Assert.StartsWith(Hex(ups.Q1() + "\r"), inbound);
        if (bridge == FakeBridge.Ippon)
            Assert.Equal(Hex(ups.Q1() + "\r").PadRight(128, '0'), inbound);
        if (bridge == FakeBridge.Ablerex) // the 47-byte answer fills the 47-byte report exactly
            Assert.Equal(["get-report 0305 0000: " + Hex(ups.Q1() + "\r")], device.Wire.Skip(wire.Length));

        Assert.Equal(ups.Ratings + "\r", Send(sub, link, "F"));
        Assert.Equal(ups.Identity + "\r", Send(sub, link, "I"));
    }

    [Theory]
    [InlineData("cypress", FakeBridge.Cypress)]
    [InlineData("phoenix", FakeBridge.Phoenix)]
    [InlineData("ippon", FakeBridge.Ippon)]
    [InlineData("sgs", FakeBridge.Sgs)]
    [InlineData("krauler", FakeBridge.Krauler)]
    [InlineData("fabula", FakeBridge.Fabula)]
    [InlineData("hunnox", FakeBridge.Hunnox)]
    [InlineData("fuji", FakeBridge.Fuji)]
    [InlineData("armac", FakeBridge.Armac)]
    [InlineData("phoenixtec", FakeBridge.Phoenixtec)]
    [InlineData("ablerex", FakeBridge.Ablerex)]
    public void TheBeeperToggleReachesTheUps(string name, FakeBridge bridge)
    {
        var (_, link, ups) = Make(bridge);
        var sub = Named(name);
        bool before = ups.Beeper;
        var buf = new byte[UsbQxPort.BufferSize];
        int n = sub.Command(link, "Q\r", buf);
        Assert.Contains("Q", ups.Received);
        Assert.NotEqual(before, ups.Beeper);
        // The device gives no answer (a read time-out, or the bridge's empty/"No Ack" reply), never the command
        // echoed back, which would mean "refused".
        if (n > 0)
            Assert.NotEqual("Q\r", QxUsbText.Answer(buf, n));
    }

    [Fact]
    public void SnrDoesNotKnowTheBeeperAndEchoesItWithoutTouchingTheDevice()
    {
        var (device, link, ups) = Make(FakeBridge.Snr, 0x0409);
        var buf = new byte[UsbQxPort.BufferSize];
        int n = KraulerSubdriver.Snr.Command(link, "Q\r", buf);
        Assert.Equal("Q\r", QxUsbText.Answer(buf, n));
        Assert.Empty(ups.Received);
        Assert.DoesNotContain(device.Wire, w => w.StartsWith("get-string", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("S01R0001", 0x68, "S01R0001")]
    [InlineData("S.5R0000", 0x10, "S.5R0000")]
    [InlineData("S.7", 0x38, "S.7R0001")] // no R: NUT counts it as "come back"
    [InlineData("S10R0002", 0xf8, "S10R0001")]
    public void FabulaEncodesShutdownsInTheStringIndex(string command, int index, string seenByUps)
    {
        Assert.Equal(index, FabulaSubdriver.IndexOf(command + "\r"));
        var (device, link, ups) = Make(FakeBridge.Fabula);
        var buf = new byte[UsbQxPort.BufferSize];
        // "UPS No Ack" is the bridge's answer to every command: it reads as "no answer", which is success.
        Assert.Equal(0, FabulaSubdriver.Fabula.Command(link, command + "\r", buf));
        Assert.Contains($"get-string {index:x2} lang 0409 len 255", device.Wire);
        Assert.Equal([seenByUps], ups.Received);
    }

    [Fact]
    public void KraulerAsksAgainAfterUpsNoAck()
    {
        var (device, link, ups) = Make(FakeBridge.Krauler);
        device.NoAcks = 2;
        var buf = new byte[UsbQxPort.BufferSize];
        int n = KraulerSubdriver.Krauler.Command(link, "Q1\r", buf);
        Assert.Equal(ups.Q1() + "\r", QxUsbText.Answer(buf, n));
        Assert.Equal(3, device.Wire.Count(w => w.StartsWith("get-string 03", StringComparison.Ordinal)));
    }

    [Fact]
    public void KraulerWithoutLangidFixFailsOnABridgeThatOnlyAnswers4095()
    {
        var (device, link, _) = Make(FakeBridge.Krauler);
        device.OnlyLangId = 0x4095;
        var buf = new byte[UsbQxPort.BufferSize];
        Assert.Equal(Nut.Drivers.Usb.UsbError.Pipe, KraulerSubdriver.Krauler.Command(link, "Q1\r", buf));
    }

    [Fact]
    public void PhoenixDrainsStaleBytesBeforeItAsks()
    {
        var (device, link, ups) = Make(FakeBridge.Phoenix);
        device.Preload("(000.0 000.0 000.0 000 00.0 00.0 00.0 00000000\r");
        Assert.Equal(ups.Q1() + "\r", Send(CypressSubdriver.Phoenix, link, "Q1"));
        // Cypress, which does not drain, reads the stale answer instead.
        var (device2, link2, _) = Make(FakeBridge.Cypress);
        device2.Preload("(000.0 000.0 000.0 000 00.0 00.0 00.0 00000000\r");
        Assert.StartsWith("(000.0", Send(CypressSubdriver.Cypress, link2, "Q1"));
    }

    [Fact]
    public void HunnoxKeepsItsLockStepAcrossCommands()
    {
        var (device, link, _) = Make(FakeBridge.Hunnox);
        var sub = FabulaSubdriver.Hunnox;
        Send(sub, link, "Q1"); // step 0: the three opening requests
        device.ClearWire();
        Send(sub, link, "F"); // step 1 asks 0x0d, which is the one wanted: nothing extra
        Assert.Equal(["get-string 00 lang 0000 len 255", "get-string 0d lang 0409 len 255"], device.Wire);
        device.ClearWire();
        Send(sub, link, "I"); // step 2 asks 0x03 first
        Assert.Equal(["get-string 03 lang 0409 len 102", "get-string 00 lang 0000 len 255", "get-string 0c lang 0409 len 255"], device.Wire);
    }

    [Fact]
    public void FujiCutsShutdownWithRestartAndEchoesLongCommands()
    {
        var (device, link, ups) = Make(FakeBridge.Fuji);
        var buf = new byte[UsbQxPort.BufferSize];
        FujiSubdriver sub = new();
        sub.Command(link, "S05R0003\r", buf);
        Assert.Equal("interrupt-out 02: 8006040353303500", device.Wire[0]);
        Assert.Equal(["S05"], ups.Received);
        int n = sub.Command(link, "T01R\r", buf);
        Assert.Equal("T01R\r", QxUsbText.Answer(buf, n));
    }

    [Fact]
    public void ArmacEchoesTheCommandsItsDevicesIgnore()
    {
        var (device, link, ups) = Make(FakeBridge.Armac);
        var buf = new byte[UsbQxPort.BufferSize];
        int n = new ArmacSubdriver().Command(link, "QS\r", buf);
        Assert.Equal("QS\r", QxUsbText.Answer(buf, n));
        Assert.Empty(device.Wire);
        Assert.Empty(ups.Received);
    }

    [Theory]
    [InlineData("T", "T")]
    [InlineData("TL", "TL")]
    [InlineData("T05", "T")]
    [InlineData("S.5R0001", "S")]
    [InlineData("CT", "CT")]
    [InlineData("C", "C")]
    [InlineData("SRC", "SRC")]
    [InlineData("MSO", null)] // "M" followed by a capital is another command
    [InlineData("Q1", null)]
    [InlineData("Q", null)]
    public void PhoenixtecKnowsWhichCommandsGetNoAnswer(string command, string? name)
    {
        Assert.Equal(name, PhoenixtecSubdriver.GetsNoAnswer(command + "\r"));
    }

    [Fact]
    public void PhoenixtecSendsATestAndDoesNotWaitForAnAnswer()
    {
        var (device, link, ups) = Make(FakeBridge.Phoenixtec);
        var buf = new byte[UsbQxPort.BufferSize];
        Assert.Equal(0, new PhoenixtecSubdriver().Command(link, "T\r", buf));
        Assert.Equal(["vendor-out 0d 0000 0000: 540d"], device.Wire);
        Assert.Equal(["T"], ups.Received);
        Assert.True(ups.Testing);
    }

    [Fact]
    public void PhoenixtecReadsTheAnswerInPiecesUntilTheCr()
    {
        var (device, link, ups) = Make(FakeBridge.Phoenixtec);
        var buf = new byte[UsbQxPort.BufferSize];
        Assert.Equal(22, new PhoenixtecSubdriver().Command(link, "F\r", buf));
        Assert.Equal(ups.Ratings + "\r", QxUsbText.Answer(buf, 22));
        // "#230.0 004 024.0 50.0\r" is 22 bytes: three reads of the bridge's 8-byte packets (the last NUL-padded),
        // and no read after the one with the CR.
        Assert.Equal(["vendor-out 0d 0000 0000: 460d", "interrupt-in 81: " + Hex(ups.Ratings[..8]),
            "interrupt-in 81: " + Hex(ups.Ratings[8..16]), "interrupt-in 81: " + Hex(ups.Ratings[16..] + "\r").PadRight(16, '0')], device.Wire);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void AblerexAsksAgainUntilTheAnswerHasItsFullLength(int emptyReports, bool answered)
    {
        var (device, link, ups) = Make(FakeBridge.Ablerex);
        device.NoAcks = emptyReports;
        var buf = new byte[UsbQxPort.BufferSize];
        int n = new AblerexSubdriver().Command(link, "I\r", buf);
        Assert.Equal(answered ? 39 : 0, n);
        if (answered)
            Assert.Equal(ups.Identity + "\r", QxUsbText.Answer(buf, n));
        Assert.Equal(Math.Min(emptyReports + 1, AblerexSubdriver.Tries), device.Wire.Count(w => w.StartsWith("set-report 0305", StringComparison.Ordinal)));
    }

    [Fact]
    public void AblerexTurnsAShortQ5AnswerIntoAnEmptyOne()
    {
        var (device, link, _) = Make(FakeBridge.Ablerex);
        var buf = new byte[UsbQxPort.BufferSize];
        Assert.Equal(22, new AblerexSubdriver().Command(link, "Q5\r", buf));
        Assert.Equal("(", QxUsbText.Answer(buf, 22));
        Assert.All(buf[1..], b => Assert.Equal(0, b));
        Assert.Single(device.Wire, w => w.StartsWith("set-report 0305 0000: 05000351350d", StringComparison.Ordinal));
    }
}
