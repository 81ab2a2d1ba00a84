using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.NutDiff;

/// <summary>
/// Lets Debian's own usbhid-ups (which links libusb-1.0 dynamically) run on a simulated USB device: fakeusb.c, our
/// LD_PRELOAD stand-in for the libusb calls the driver makes, compiled here with gcc once per test run. The device
/// it serves is a file written by <see cref="FakeUsbDevice"/> from the same recording our replay transport reads.
/// </summary>
static class FakeUsbShim
{
    /// <summary>The variable naming the device file (read by fakeusb.c); SET_REPORTs go to that path + ".set".</summary>
    public const string DeviceVariable = "FAKEUSB_DEVICE";

    static readonly Lazy<string> Built = new(Build);
    static readonly TempDir Dir = new("fakeusb");

    static FakeUsbShim() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Dir.Dispose();

    /// <summary>Path of the compiled library.</summary>
    public static string Library => Built.Value;

    /// <summary>The environment that runs Debian's driver from <paramref name="dir"/> on the device in <paramref name="deviceFile"/>.</summary>
    public static Dictionary<string, string> Environment(TempDir dir, string deviceFile) => new()
    {
        ["NUT_CONFPATH"] = dir.FullPath,
        ["NUT_STATEPATH"] = dir.FullPath,
        ["NUT_ALTPIDPATH"] = dir.FullPath,
        [DeviceVariable] = deviceFile,
        ["LD_PRELOAD"] = Library,
    };

    static string Build()
    {
        string source = Path.Combine(Paths.RepoRoot, "tests", "Nut.Drivers.Tests", "UsbHid", "NutDiff", "fakeusb.c");
        string library = Dir["fakeusb.so"];
        var r = Proc.Run("gcc", ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", library, source], timeout: TimeSpan.FromSeconds(60));
        if (r.ExitCode != 0)
            throw new InvalidOperationException("cannot build the fake libusb library (gcc): " + r);
        return library;
    }
}
