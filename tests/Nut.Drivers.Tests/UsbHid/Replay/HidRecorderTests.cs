using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Replay;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.ReplayTests;

/// <summary>Record from a (simulated) unit, replay the recording: every answer is the same.</summary>
public sealed class HidRecorderTests(ITestOutputHelper output)
{
    static void AssertSameAnswers(HidReplayDevice original, HidReplayDevice replayed)
    {
        Assert.Equal(original.ReportDescriptor, replayed.ReportDescriptor);
        Assert.Equal(original.Info, replayed.Info);
        foreach (byte id in original.Descriptor.ReportIds(HidReportType.Feature).Distinct())
        {
            var a = new byte[80];
            var b = new byte[80];
            int na = original.GetFeatureReport(id, a), nb = replayed.GetFeatureReport(id, b);
            Assert.Equal((id, na, Convert.ToHexString(a)), (id, nb, Convert.ToHexString(b)));
        }
        for (int i = 1; i < 256; i++)
            Assert.Equal(original.GetString(i), replayed.GetString(i));
    }

    [Fact]
    public void Every_testdata_model_records_and_replays_identically()
    {
        using var dir = new TempDir("h2-record");
        foreach (string model in ReplayFixture.Models)
        {
            using var original = ReplayFixture.Load(model);
            string hex = dir[model + ".hex"];
            int count = HidRecorder.Write(original, hex);
            var replayed = HidReplayDevice.Load(hex, out string? error, _ => { });
            Assert.True(replayed is not null, error);
            AssertSameAnswers(original, replayed);
            int declared = original.Descriptor.ReportIds(HidReportType.Feature).Distinct().Count();
            output.WriteLine($"{model}: {count} of {declared} feature reports recorded");
        }
    }

    [Fact]
    public void A_recording_keeps_the_usb_identity_and_the_strings_reports_point_at()
    {
        using var dir = new TempDir("h2-record");
        string hex = ReplayFixture.CopyModel(dir, "apc-back-ups-es-850g2",
            t => "DEVICE 051d:0002 1 2 3\nSTRING 1 American Power Conversion\nSTRING 2 Back-UPS ES 850G2\nSTRING 3 4B1624P15432\nSTRING 4 PbAc\n" + t);
        using var original = HidReplayDevice.Load(hex, out _, _ => { })!;
        string copy = dir["copy.hex"];
        HidRecorder.Write(original, copy);

        string text = File.ReadAllText(HidReportsFile.PathFor(copy));
        Assert.Contains("\nDEVICE 051d:0002 1 2 3\n", text);
        Assert.Contains("\nSTRING 4 PbAc\n", text);
        Assert.Contains("F+I  0x0c  0c 64 64 03", text);
        Assert.Contains("UPS.PowerSummary.DelayBeforeShutdown@0/16=s:-1", text);
        using var replayed = HidReplayDevice.Load(copy, out _, _ => { })!;
        AssertSameAnswers(original, replayed);
        Assert.Equal(File.ReadAllText(ReplayFixture.Hex("apc-back-ups-es-850g2")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries),
            File.ReadAllText(copy).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
