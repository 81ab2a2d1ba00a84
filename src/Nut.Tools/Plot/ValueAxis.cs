using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>
/// A value axis with round tick values (1, 2 or 5 times a power of ten) that covers the data: the panel's
/// range runs from the tick at or below the smallest value to the tick at or above the largest.
/// </summary>
public sealed class ValueAxis
{
    public ValueAxis(double dataMin, double dataMax, int maxTicks)
    {
        if (!(dataMax > dataMin))
        {
            // A flat line sits in the middle of a small range around its value.
            double half = dataMin == 0 ? 1 : Math.Abs(dataMin) * 0.05;
            dataMin -= half;
            dataMax += half;
        }
        maxTicks = Math.Max(2, maxTicks);
        Step = NiceStep(dataMin, dataMax, maxTicks);
        Min = Math.Floor(dataMin / Step + 1e-9) * Step;
        Max = Math.Ceiling(dataMax / Step - 1e-9) * Step;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        for (int i = 0; Min + i * Step <= Max + Step * 1e-9; i++)
        {
            double v = Math.Round(Min + i * Step, decimals);
            Ticks.Add((v, v.ToString("F" + decimals, CultureInfo.InvariantCulture)));
        }
    }

    public double Min { get; }
    public double Max { get; }
    public double Step { get; }
    public List<(double Value, string Label)> Ticks { get; } = [];

    /// <summary>The smallest round step that needs no more than <paramref name="maxTicks"/> intervals.</summary>
    static double NiceStep(double min, double max, int maxTicks)
    {
        double raw = (max - min) / maxTicks;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10, 20])
        {
            double step = m * power;
            if (Math.Ceiling(max / step - 1e-9) - Math.Floor(min / step + 1e-9) <= maxTicks)
                return step;
        }
        return 50 * power;
    }
}
