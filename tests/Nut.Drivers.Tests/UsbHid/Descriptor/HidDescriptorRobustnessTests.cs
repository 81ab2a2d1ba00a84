using Nut.Drivers.UsbHid.Hid;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>
/// Bad descriptors never crash: random bytes, random item streams, every truncation and bit flips of the real
/// descriptors. For each result the codec is run over every field against short, exact and random reports.
/// </summary>
public sealed class HidDescriptorRobustnessTests(ITestOutputHelper output)
{
    /// <summary>Parses and decodes everything; any exception fails the test with the input that caused it.</summary>
    private static (int Fields, bool Error) Exercise(byte[] descriptor, Random rng, bool codec = true)
    {
        try
        {
            var d = HidReportDescriptor.Parse(descriptor, out string? error);
            // At most about 200 fields a descriptor, spread over all of them (a repeated usage can make 2000).
            int stride = Math.Max(1, d.Fields.Count / 200);
            foreach (var f in codec ? d.Fields.Where((_, i) => i % stride == 0) : [])
            {
                Assert.InRange(f.BitSize, 1, HidDescriptorLimits.MaxFieldBits);
                int length = d.ReportLength(f.Type, f.ReportId);
                Assert.True(length >= (f.BitOffset + f.BitSize + 7) / 8);
                foreach (int size in new[] { 0, length / 2, length, length + 3 })
                {
                    byte[] report = new byte[size];
                    rng.NextBytes(report);
                    if (HidReportCodec.TryReadRaw(f, report, out long raw))
                    {
                        double value = HidReportCodec.ToValue(f, raw);
                        long back = HidReportCodec.FromValue(f, value);
                        Assert.InRange(back, Math.Min(f.LogicalMin, f.LogicalMax), Math.Max(f.LogicalMin, f.LogicalMax));
                    }
                    else Assert.True(size < length);
                    HidReportCodec.WriteRaw(f, report, rng.NextInt64());
                }
                HidReportCodec.FromValue(f, double.NaN);
                HidReportCodec.FromValue(f, double.MaxValue);
                HidReportCodec.FromValue(f, double.MinValue);
                HidReportCodec.ToValue(f, long.MinValue);
                HidReportCodec.ToValue(f, long.MaxValue);
            }
            _ = d.ReportIds(HidReportType.Feature).Count() + d.ReportIds(HidReportType.Input).Count();
            Assert.True(d.Fields.Count <= HidDescriptorLimits.MaxFieldsWithRepeats);
            Assert.DoesNotContain("internal parser error", error ?? "");
            return (d.Fields.Count, error != null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"input {Convert.ToHexString(descriptor)}: {e}");
        }
    }

    [Fact]
    public void Random_bytes_and_random_item_streams()
    {
        var rng = new Random(20261130);
        int errors = 0, fields = 0;
        for (int n = 0; n < 3000; n++)
        {
            byte[] d = n % 2 == 0 ? RandomBytes(rng) : RandomItems(rng);
            var (f, e) = Exercise(d, rng);
            fields += f;
            if (e) errors++;
        }
        output.WriteLine($"3000 random descriptors: {errors} with an error, {fields} fields in all");
        Assert.True(fields > 1000, "the item generator should produce many fields");
    }

    [Fact]
    public void Every_truncation_of_every_real_descriptor()
    {
        var rng = new Random(7);
        int total = 0;
        foreach (string name in HidFixtureFiles.Names)
        {
            byte[] full = HidFixtureFiles.Descriptor(name);
            int fullFields = HidReportDescriptor.Parse(full, out _).Fields.Count;
            int previous = 0;
            for (int len = 0; len < full.Length; len++)
            {
                // The codec runs on every 16th cut only: the parse is what a cut changes, and this keeps the test short.
                var (fields, error) = Exercise(full[..len], rng, codec: len % 16 == 0);
                // Every fixture opens its top collection within its first 7 bytes; a cut after that leaves it open.
                Assert.True(error || len < 7, $"{name}[..{len}] parsed without error");
                // A truncated descriptor keeps what came before the cut: never fewer fields than a shorter cut.
                Assert.InRange(fields, previous, fullFields);
                previous = fields;
                total++;
            }
        }
        output.WriteLine($"{total} truncations parsed");
    }

    [Fact]
    public void Bit_flipped_real_descriptors()
    {
        var rng = new Random(42);
        int total = 0;
        foreach (string name in HidFixtureFiles.Names)
        {
            byte[] full = HidFixtureFiles.Descriptor(name);
            for (int n = 0; n < 60; n++)
            {
                byte[] d = (byte[])full.Clone();
                int flips = 1 + rng.Next(4);
                for (int i = 0; i < flips; i++)
                    d[rng.Next(d.Length)] ^= (byte)(1 << rng.Next(8));
                Exercise(d, rng);
                total++;
            }
        }
        output.WriteLine($"{total} bit-flipped descriptors parsed");
    }

    private static byte[] RandomBytes(Random rng)
    {
        byte[] d = new byte[rng.Next(0, 200)];
        rng.NextBytes(d);
        return d;
    }

    /// <summary>Mostly well-formed items with hostile values: a far better explorer than random bytes.</summary>
    private static byte[] RandomItems(Random rng)
    {
        byte[] tags = [0x04, 0x14, 0x24, 0x34, 0x44, 0x54, 0x64, 0x74, 0x84, 0x94, 0xA4, 0xB4, 0x08, 0x18, 0x28, 0x80, 0x90, 0xB0, 0xA0, 0xC0, 0xFC, 0x38];
        var d = new List<byte>();
        int items = rng.Next(1, 80);
        for (int i = 0; i < items; i++)
        {
            byte tag = tags[rng.Next(tags.Length)];
            int sizeCode = rng.Next(4);
            if (tag == 0x74) sizeCode = 1; // keep report sizes mostly small so values get made
            d.Add((byte)(tag | sizeCode));
            int size = sizeCode == 3 ? 4 : sizeCode;
            for (int b = 0; b < size; b++)
                d.Add(tag == 0x74 ? (byte)rng.Next(0, 40) : (byte)rng.Next(256));
        }
        return [.. d];
    }
}
