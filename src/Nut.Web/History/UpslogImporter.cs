using Nut.Tools.Plot;

namespace Nut.Web.History;

/// <summary>What an import did: rows added, lines skipped (with the first few reasons).</summary>
public sealed record ImportResult(int Imported, int Skipped, IReadOnlyList<SkippedLine> SkippedLines, string Format);

/// <summary>
/// Imports an upslog file into the history of a UPS, with the same reader nut-plot uses (the format from -f,
/// from a "# format:" first line, or upslog's default). upslog writes local time; rows become UTC here.
/// Variables the format does not log stay empty in the graphs.
/// </summary>
public static class UpslogImporter
{
    public static ImportResult Import(HistoryStore store, string upsId, Stream log, string? format)
    {
        var data = UpslogReader.Read(LogLines.Read(log), format);
        int Col(string name) => data.IndexOf(name);
        int charge = Col("battery.charge"), runtime = Col("battery.runtime"), load = Col("ups.load"), input = Col("input.voltage"),
            output = Col("output.voltage"), temp = Col("ups.temperature"), btemp = Col("battery.temperature");
        double? Num(int col, int row) => col < 0 ? null : data.Number(col, row);
        var batch = new List<HistorySample>(capacity: 4096);
        int imported = 0;
        for (int row = 0; row < data.Count; row++)
        {
            var t = data.Times[row];
            var time = t.Kind == DateTimeKind.Utc ? new DateTimeOffset(t) : new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Local));
            string? status = data.StatusVariable >= 0 ? data.Text(data.StatusVariable, row) : null;
            batch.Add(new HistorySample(upsId, time, Num(charge, row), Num(runtime, row), Num(load, row), Num(input, row), Num(output, row),
                Num(temp, row) ?? Num(btemp, row), data.OnBattery(row) == true, status is "NA" ? null : status));
            if (batch.Count == batch.Capacity)
            {
                store.Add(batch);
                imported += batch.Count;
                batch.Clear();
            }
        }
        store.Add(batch);
        imported += batch.Count;
        return new ImportResult(imported, data.SkippedCount, data.Skipped, data.Format);
    }
}
