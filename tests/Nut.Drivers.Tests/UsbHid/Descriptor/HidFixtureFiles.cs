using System.Globalization;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>The real descriptors in testdata/hid (<c>*.hex</c>: whitespace-separated hex bytes).</summary>
internal static class HidFixtureFiles
{
    public static string Folder => Path.Combine(Paths.TestData, "hid");

    /// <summary>Every descriptor's file name without extension, sorted.</summary>
    public static string[] Names =>
        [.. Directory.GetFiles(Folder, "*.hex").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> AllNames => [.. Names];

    /// <summary>The descriptors that come with a .reports.txt of values NUT decoded.</summary>
    public static TheoryData<string> WithReports =>
        [.. Names.Where(n => File.Exists(Path.Combine(Folder, n + ".reports.txt")))];

    public static byte[] Descriptor(string name) => ParseHex(File.ReadAllText(Path.Combine(Folder, name + ".hex")));

    public static byte[] ParseHex(string text) =>
        [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => byte.Parse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
}
