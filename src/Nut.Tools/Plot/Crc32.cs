namespace Nut.Tools.Plot;

/// <summary>
/// CRC-32 as PNG chunks carry it (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320), table-driven.
/// The BCL has it only in the System.IO.Hashing package, and this tool takes no packages.
/// </summary>
public static class Crc32
{
    static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    public const uint Start = 0xFFFFFFFF;

    /// <summary>Continues a running CRC (begun with <see cref="Start"/>) over more bytes.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFF;

    static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
