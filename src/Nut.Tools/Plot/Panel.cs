namespace Nut.Tools.Plot;

/// <summary>A value tick: the value, its height in pixels and its label.</summary>
public readonly record struct ValueTick(double Value, double Y, string Label);

/// <summary>One panel of a chart: a variable over time, its axis, and its line in pixels (broken where data is missing).</summary>
public sealed class Panel
{
    public required string Variable { get; init; }
    public required string Label { get; init; }
    public required double Top { get; init; }
    public required double Height { get; init; }
    public required double AxisMin { get; init; }
    public required double AxisMax { get; init; }
    public required Rgb Colour { get; init; }
    public required List<ValueTick> Ticks { get; init; }
    /// <summary>The line's pieces: data missing (NA) or a gap in the log breaks it.</summary>
    public required List<List<PixelPoint>> Segments { get; init; }
    /// <summary>How many values the panel draws (before thinning).</summary>
    public required int ValueCount { get; init; }

    public double Bottom => Top + Height;
}
