namespace Nut.Tools.Plot;

/// <summary>An RGB pixel buffer with the few drawing operations a chart needs, and a 3x5 bitmap font.</summary>
public sealed class Raster
{
    public Raster(int width, int height, (byte R, byte G, byte B) background)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    void Set(int x, int y, (byte R, byte G, byte B) c)
    {
        if ((uint)x >= Width || (uint)y >= Height) return;
        int i = (y * Width + x) * 3;
        Pixels[i] = c.R;
        Pixels[i + 1] = c.G;
        Pixels[i + 2] = c.B;
    }

    public void FillRect(double x, double y, double w, double h, (byte, byte, byte) c)
    {
        int x0 = (int)Math.Round(x), y0 = (int)Math.Round(y), x1 = (int)Math.Round(x + w), y1 = (int)Math.Round(y + h);
        for (int yy = Math.Max(0, y0); yy < Math.Min(Height, y1); yy++)
            for (int xx = Math.Max(0, x0); xx < Math.Min(Width, x1); xx++)
                Set(xx, yy, c);
    }

    public void StrokeRect(double x, double y, double w, double h, (byte, byte, byte) c)
    {
        Line(x, y, x + w, y, c);
        Line(x, y + h, x + w, y + h, c);
        Line(x, y, x, y + h, c);
        Line(x + w, y, x + w, y + h, c);
    }

    /// <summary>Bresenham, two pixels thick vertically so thin lines stay visible.</summary>
    public void Line(double ax, double ay, double bx, double by, (byte, byte, byte) c)
    {
        int x0 = (int)Math.Round(ax), y0 = (int)Math.Round(ay), x1 = (int)Math.Round(bx), y1 = (int)Math.Round(by);
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1, dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1, err = dx + dy;
        while (true)
        {
            Set(x0, y0, c);
            Set(x0, y0 + 1, c);
            if (x0 == x1 && y0 == y1) break;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>Text in a 3x5 font scaled by <paramref name="scale"/>; letters are drawn in capitals.</summary>
    public void Text(double x, double y, string text, (byte, byte, byte) c, int scale = 2)
    {
        int cx = (int)x;
        foreach (char ch in text.ToUpperInvariant())
        {
            if (Glyphs.TryGetValue(ch, out var rows))
                for (int r = 0; r < 5; r++)
                    for (int col = 0; col < 3; col++)
                        if (rows[r * 3 + col] == '1')
                            FillRect(cx + col * scale, (int)y + r * scale, scale, scale, c);
            cx += 4 * scale;
        }
    }

    public static int TextWidth(string text, int scale = 2) => text.Length * 4 * scale;

    static readonly Dictionary<char, string> Glyphs = new()
    {
        ['0'] = "111101101101111", ['1'] = "010110010010111", ['2'] = "111001111100111", ['3'] = "111001111001111",
        ['4'] = "101101111001001", ['5'] = "111100111001111", ['6'] = "111100111101111", ['7'] = "111001001001001",
        ['8'] = "111101111101111", ['9'] = "111101111001111", ['A'] = "010101111101101", ['B'] = "110101110101110",
        ['C'] = "011100100100011", ['D'] = "110101101101110", ['E'] = "111100110100111", ['F'] = "111100110100100",
        ['G'] = "011100101101011", ['H'] = "101101111101101", ['I'] = "111010010010111", ['J'] = "001001001101010",
        ['K'] = "101101110101101", ['L'] = "100100100100111", ['M'] = "101111111101101", ['N'] = "110101101101101",
        ['O'] = "010101101101010", ['P'] = "110101110100100", ['Q'] = "010101101110011", ['R'] = "110101110101101",
        ['S'] = "011100010001110", ['T'] = "111010010010010", ['U'] = "101101101101111", ['V'] = "101101101101010",
        ['W'] = "101101111111101", ['X'] = "101101010101101", ['Y'] = "101101010010010", ['Z'] = "111001010100111",
        [':'] = "000010000010000", ['-'] = "000000111000000", ['.'] = "000000000000010", ['%'] = "101001010100101",
        ['('] = "001010010010001", [')'] = "100010010010100", ['/'] = "001001010100100",
    };
}
