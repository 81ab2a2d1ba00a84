using Nut.Drivers.Dummy;
using Nut.Drivers.Host;

namespace Nut.Fuzz.Targets;

/// <summary>
/// dummy-ups reading a .dev/.seq file (src/Nut.Drivers/Dummy): the real driver over a file holding the input,
/// started and updated a few times (TIMER pauses pass on a clock the harness moves). Data files are shared
/// around (the NUT DDL); a bad one must give parse errors and go on, as NUT does.
/// </summary>
public static class DummyDataFileTarget
{
    static readonly string Dir = Directory.CreateTempSubdirectory("nut-fuzz-dummy-").FullName;

    public static void Run(ReadOnlySpan<byte> data)
    {
        string file = Path.Combine(Dir, $"fuzz-{Environment.ProcessId}.seq");
        File.WriteAllBytes(file, data.ToArray());
        // Also the parser alone, as nut-check uses it.
        var errors = new List<string>();
        DataFileScript.Parse(data, errors);

        var clock = new FixedClock();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["port"] = Path.GetFileName(file), ["mode"] = "dummy-loop" };
        var host = new DriverHostContext("fuzz", new DriverState(), values, [], Dir, clock);
        var driver = new DummyUps();
        driver.InitUps(host);
        driver.InitInfo(host);
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            driver.UpdateInfo(host);
        }
        host.State.DumpAll();
    }
}
