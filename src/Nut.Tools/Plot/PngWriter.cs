using System.Buffers.Binary;
using System.IO.Compression;

namespace Nut.Tools.Plot;

/// <summary>
/// Encodes an RGB image as a PNG: 8-bit truecolour, no interlace, every row with filter type 0 (none), all
/// of the image in one zlib-compressed IDAT chunk. Charts are mostly flat colour, which deflate packs
/// well without per-row filters.
/// </summary>
public static class PngWriter
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(int width, int height, byte[] rgb)
    {
        if (width <= 0 || height <= 0 || rgb.Length != (long)width * height * 3)
            throw new ArgumentException($"an image of {width}x{height} needs {(long)width * height * 3} bytes, not {rgb.Length}");
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: RGB
        // [10..12]: compression 0 (deflate), filter method 0, interlace 0 (none)
        Chunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                int stride = width * 3;
                for (int y = 0; y < height; y++)
                {
                    z.WriteByte(0); // filter type: none
                    z.Write(rgb, y * stride, stride);
                }
            }
            Chunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>Length, type, data, and the CRC of type and data.</summary>
    static void Chunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, type), data)));
        s.Write(word);
    }
}
