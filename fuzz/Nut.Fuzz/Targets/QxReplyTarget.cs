using System.Text;
using Nut.Drivers.Host;
using Nut.Drivers.Qx;

namespace Nut.Fuzz.Targets;

/// <summary>
/// The Q* drivers reading a device's replies (src/Nut.Drivers/Qx and Qx/Protocols): the real driver (detection,
/// start-up walk, quick and full polls, a few commands and a SET) over a port whose answers come from the input.
/// The input's first CR-ended line picks the driver: a protocol name (nutdrv_qx with <c>protocol=</c> that name),
/// <c>auto</c> (nutdrv_qx detecting) or <c>blazer_ser</c>; the rest is the device's answers, each ending with CR,
/// handed out in turn (and again from the first when they run out). Names, not indexes, so that the seeds keep
/// meaning the same protocol when protocols are added.
/// A serial line delivers noise, a wrong device or a half-dead one: the documented failure is
/// <see cref="DriverFatalException"/> at start-up ("Device not supported!"); polls only go stale.
/// </summary>
public static class QxReplyTarget
{
    const int MaxExchanges = 400; // a hang guard: detection tries every protocol three times

    sealed class ScriptedPort(string[] answers) : IQxPort
    {
        int _next, _exchanges;

        public string? Exchange(string command)
        {
            if (answers.Length == 0 || ++_exchanges > MaxExchanges)
                return null;
            string answer = answers[_next];
            _next = (_next + 1) % answers.Length;
            // A last answer without its CR is one the device never finished: the port times out.
            return answer.EndsWith('\r') ? answer : null;
        }

        public void Dispose() { }
    }

    public static void Run(ReadOnlySpan<byte> data)
    {
        int cr = data.IndexOf((byte)'\r');
        string mode = cr >= 0 ? Encoding.Latin1.GetString(data[..cr]) : "auto";
        var answers = Split(Encoding.Latin1.GetString(cr >= 0 ? data[(cr + 1)..] : data));

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["port"] = "/dev/ttyFUZZ" };
        var personality = QxPersonality.NutdrvQx;
        if (mode == "blazer_ser")
            personality = QxPersonality.BlazerSer;
        else if (mode != "auto")
            values["protocol"] = mode; // an unknown name ends in "Device not supported!", as in NUT

        var clock = new FixedClock();
        var host = new DriverHostContext("fuzz", new DriverState(), values, [], "/nonexistent", clock);
        var driver = new QxDriver(personality, _ => new ScriptedPort(answers));
        try
        {
            driver.InitUps(host);
            driver.InitInfo(host);
        }
        catch (DriverFatalException)
        {
            return; // the device was not recognised: the driver exits with NUT's message
        }
        for (int poll = 0; poll < 3; poll++)
        {
            driver.UpdateInfo(host);
            clock.Advance(TimeSpan.FromSeconds(QxDriver.DefaultPollFreq + 1)); // the next one is a full poll
        }
        driver.InstCmd(host, "beeper.toggle", null);
        driver.InstCmd(host, "test.battery.start", "10");
        driver.InstCmd(host, "shutdown.return", null);
        driver.SetVar(host, "ups.delay.shutdown", "30");
        driver.UpdateInfo(host);
        host.State.DumpAll();
    }

    static string[] Split(string text)
    {
        var answers = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\r')
            {
                answers.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length)
            answers.Add(text[start..]);
        return [.. answers];
    }
}
