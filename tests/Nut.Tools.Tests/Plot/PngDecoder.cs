using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Nut.Tools.Tests.Plot;

/// <summary>
/// A PNG decoder for 8-bit RGB images written independently of nut-plot's encoder: it checks the signature,
/// the order of the critical chunks and every chunk's CRC (computed bit by bit, not with the encoder's
/// table), inflates the IDAT data with ZLibStream and undoes any of the five row filters.
/// </summary>
public static class PngDecoder
{
    public sealed record Image(int Width, int Height, byte[] Rgb)
    {
        public (byte R, byte G, byte B) this[int x, int y]
        {
            get
            {
                int i = (y * Width + x) * 3;
                return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
            }
        }
    }

    public static Image Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8, width = 0, height = 0;
        var types = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.True(BitwiseCrc(png.AsSpan(pos + 4, 4 + length)) == crc, $"bad CRC in {type}");
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, data[8..13].ToArray()); // 8-bit RGB, deflate, no interlace
            }
            else if (type == "IDAT")
                idat.Write(data);
            pos += 12 + length;
        }
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.Contains("IDAT", types);

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        int stride = width * 3;
        Assert.Equal(height * (1 + stride), bytes.Length);
        var rgb = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = bytes[y * (1 + stride)];
            for (int x = 0; x < stride; x++)
            {
                int a = x >= 3 ? rgb[y * stride + x - 3] : 0;
                int b = y > 0 ? rgb[(y - 1) * stride + x] : 0;
                int c = x >= 3 && y > 0 ? rgb[(y - 1) * stride + x - 3] : 0;
                int v = bytes[y * (1 + stride) + 1 + x];
                rgb[y * stride + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + (a + b) / 2,
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter type {filter} in row {y}"),
                });
            }
        }
        return new Image(width, height, rgb);
    }

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>CRC-32 straight from its definition, one bit at a time.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
