namespace Nut.Tools.Plot;

/// <summary>A point in pixels.</summary>
public readonly record struct PixelPoint(double X, double Y);

/// <summary>
/// Thins a polyline that has more points than pixels: per pixel column it keeps the first and last point
/// (so the joins to the next columns stay) and the highest and lowest (so every spike stays), in their
/// order along the line. A week of one-minute lines on a 1000-pixel chart becomes at most 4000 points
/// that draw the same picture.
/// </summary>
public static class Decimator
{
    /// <summary>Lines with no more than this many points per pixel column are drawn as they are.</summary>
    public const int PointsPerColumnBeforeThinning = 2;

    public static List<PixelPoint> Reduce(List<PixelPoint> points, double plotWidth)
    {
        if (points.Count <= PointsPerColumnBeforeThinning * Math.Max(1, plotWidth))
            return points;
        var result = new List<PixelPoint>((int)(4 * plotWidth) + 4);
        int i = 0;
        while (i < points.Count)
        {
            long column = (long)Math.Floor(points[i].X);
            int first = i, low = i, high = i;
            for (i++; i < points.Count && (long)Math.Floor(points[i].X) == column; i++)
            {
                if (points[i].Y < points[low].Y) low = i;
                if (points[i].Y > points[high].Y) high = i;
            }
            int last = i - 1;
            // The four kept points in line order, each once.
            Span<int> keep = [first, Math.Min(low, high), Math.Max(low, high), last];
            int previous = -1;
            foreach (int k in keep)
                if (k > previous)
                {
                    result.Add(points[k]);
                    previous = k;
                }
        }
        return result;
    }
}
