using Nut.Drivers.UsbHid.Replay;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.ReplayTests;

/// <summary>Helpers shared by the replay tests: the testdata models and copies of them a test may edit.</summary>
static class ReplayFixture
{
    public static readonly string HidData = Path.Combine(Paths.TestData, "hid");

    /// <summary>The models that come with report values.</summary>
    public static IEnumerable<string> Models =>
        Directory.GetFiles(HidData, "*.reports.txt").Select(p => Path.GetFileName(p)[..^".reports.txt".Length]).Order();

    public static string Hex(string model) => Path.Combine(HidData, model + ".hex");

    /// <summary>A replay device over a testdata model whose waits are recorded instead of waited.</summary>
    public static HidReplayDevice Load(string model, List<int>? waits = null)
    {
        var device = HidReplayDevice.Load(Hex(model), out string? error, ms => waits?.Add(ms));
        Assert.True(device is not null, error);
        return device;
    }

    /// <summary>Copies a model into <paramref name="dir"/> (reports optionally edited); returns the .hex path.</summary>
    public static string CopyModel(TempDir dir, string model, Func<string, string>? editReports = null)
    {
        string hex = dir[model + ".hex"];
        File.Copy(Hex(model), hex);
        string reports = File.ReadAllText(Path.Combine(HidData, model + ".reports.txt"));
        File.WriteAllText(HidReportsFile.PathFor(hex), editReports is null ? reports : editReports(reports));
        return hex;
    }

    /// <summary>Rewrites a file and moves its modification time on, so a watcher sees a change at any clock resolution.</summary>
    public static void Rewrite(string path, string text)
    {
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, before.AddSeconds(2));
    }

    public static byte[]? Feature(Nut.Drivers.UsbHid.IHidDevice device, byte id, int size = 64)
    {
        var buf = new byte[size];
        int n = device.GetFeatureReport(id, buf);
        return n < 0 ? null : buf[..n];
    }
}
