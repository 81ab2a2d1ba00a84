namespace Nut.Tools.Plot;

/// <summary>
/// An RGB pixel buffer with the few drawing operations a chart needs: filled rectangles, lines (one pixel,
/// or a two-pixel pen for data), and text in <see cref="BitmapFont"/>. Coordinates are the SVG's: pixel
/// (x, y) covers [x, x+1) x [y, y+1), so a rectangle from 10.4 to 20.6 fills columns 10 to 20.
/// Drawing outside the buffer is clipped, never an error.
/// </summary>
public sealed class Raster
{
    public Raster(int width, int height, Rgb background)
    {
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Rows top to bottom, each pixel R, G, B.</summary>
    public byte[] Pixels { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Far enough outside any picture to be clipped, near enough to stay an int.</summary>
    const double CoordinateLimit = 1e6;

    /// <summary>The pixel edge nearest to <paramref name="v"/>.</summary>
    static int Px(double v) => (int)Math.Round(Math.Clamp(double.IsNaN(v) ? 0 : v, -CoordinateLimit, CoordinateLimit), MidpointRounding.AwayFromZero);

    void Set(int x, int y, Rgb c)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            return;
        int i = (y * Width + x) * 3;
        Pixels[i] = c.R;
        Pixels[i + 1] = c.G;
        Pixels[i + 2] = c.B;
    }

    /// <summary>Fills every pixel the rectangle touches by more than half, and at least one column and row.</summary>
    public void FillRect(double x, double y, double w, double h, Rgb c)
    {
        int x0 = Px(x), y0 = Px(y);
        int x1 = Math.Max(x0 + 1, Px(x + w)), y1 = Math.Max(y0 + 1, Px(y + h));
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(Width, x1);
        y1 = Math.Min(Height, y1);
        if (x0 >= x1 || y0 >= y1)
            return;
        for (int yy = y0; yy < y1; yy++)
        {
            var row = Pixels.AsSpan((yy * Width + x0) * 3, (x1 - x0) * 3);
            for (int i = 0; i < row.Length; i += 3)
            {
                row[i] = c.R;
                row[i + 1] = c.G;
                row[i + 2] = c.B;
            }
        }
    }

    /// <summary>A one-pixel horizontal line at row y.</summary>
    public void HLine(double x0, double x1, double y, Rgb c) => FillRect(x0, Math.Floor(y), x1 - x0, 1, c);

    /// <summary>A one-pixel vertical line at column x.</summary>
    public void VLine(double x, double y0, double y1, Rgb c) => FillRect(Math.Floor(x), y0, 1, y1 - y0, c);

    /// <summary>A line between two points (Bresenham) drawn with a <paramref name="pen"/> x <paramref name="pen"/> square.</summary>
    public void Line(double ax, double ay, double bx, double by, Rgb c, int pen = 2)
    {
        // The pen square is centred on the ideal line: shift by half of it.
        double shift = pen / 2.0;
        int x0 = Px(ax - shift), y0 = Px(ay - shift), x1 = Px(bx - shift), y1 = Px(by - shift);
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1, dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1, err = dx + dy;
        while (true)
        {
            for (int py = 0; py < pen; py++)
                for (int px = 0; px < pen; px++)
                    Set(x0 + px, y0 + py, c);
            if (x0 == x1 && y0 == y1)
                break;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>Text with its top-left corner at (x, y) (the top of the capitals), <paramref name="scale"/> pixels per font pixel.</summary>
    public void Text(double x, double y, string text, Rgb c, int scale = 1)
    {
        int left = Px(x), top = Px(y);
        foreach (char ch in text)
        {
            var rows = BitmapFont.Glyph(ch);
            for (int r = 0; r < rows.Length; r++)
                for (int col = 0; col < BitmapFont.GlyphWidth; col++)
                    if ((rows[r] & (1 << (BitmapFont.GlyphWidth - 1 - col))) != 0)
                        FillRect(left + col * scale, top + r * scale, scale, scale, c);
            left += BitmapFont.Advance * scale;
        }
    }
}
