namespace Nut.Tools.Plot;

/// <summary>An sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>The colours both renderers use, so the SVG and the PNG of a log look the same.</summary>
public static class ChartColours
{
    public static readonly Rgb Background = new(0xff, 0xff, 0xff);
    public static readonly Rgb OnBattery = new(0xf6, 0xc8, 0xc8);
    public static readonly Rgb Frame = new(0x8c, 0x8c, 0x8c);
    public static readonly Rgb Grid = new(0xe3, 0xe3, 0xe3);
    public static readonly Rgb Ink = new(0x22, 0x22, 0x22);
    public static readonly Rgb Muted = new(0x66, 0x66, 0x66);

    /// <summary>One colour per panel, in turn; none of them is close to the shading or the grid.</summary>
    public static readonly Rgb[] Series =
    [
        new(0x1f, 0x5f, 0xa8), // blue
        new(0x2e, 0x8b, 0x57), // green
        new(0xc4, 0x6a, 0x00), // orange
        new(0x7b, 0x4f, 0xa0), // purple
        new(0x13, 0x83, 0x8a), // teal
        new(0x8c, 0x4b, 0x3b), // brown
    ];

    public static Rgb ForPanel(int index) => Series[index % Series.Length];
}
